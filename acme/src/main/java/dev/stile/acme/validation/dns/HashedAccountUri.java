package dev.stile.acme.validation.dns;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The hashed account URI a dns-persist-01 record carries as {@code accounturi}
 * (draft-ietf-acme-dns-persist-02 §4.1 item 3):
 * {@code <accountHashPrefix>sha-256/<base64url SHA-256(len(domain) || domain || thumbprint || accountURL)>},
 * where {@code thumbprint} is the 43-character base64url JWK thumbprint (as in key authorizations)
 * and {@code domain} is the validated FQDN or {@code *} (the cross-domain opt-out every CA must
 * accept). Drafts -00 and -01 put the account URL itself in the record; -02 no longer accepts that.
 * Only sha-256, the one algorithm every CA must accept, is accepted here.
 */
public final class HashedAccountUri {

    /** The RFC 6920 Hash Name String of the one algorithm accepted. */
    public static final String ALGORITHM = "sha-256";
    /** The domain_name of the opt-out form (draft-ietf-acme-dns-persist-02 §4.1 item 3.2). */
    public static final String ANY_DOMAIN = "*";
    /** The path segment replacing {@code account/} in an account URL to give the accountHashPrefix. */
    public static final String PREFIX_SEGMENT = "account-hash/";

    private HashedAccountUri() {
    }

    /**
     * The accountHashPrefix under which an account URL's hashed URIs live: Stile serves one per
     * provisioner and host, {@code .../acme/<prov>/account-hash/}, next to {@code .../acme/<prov>/account/<id>}.
     */
    public static String prefixFor(String accountUrl) {
        int at = accountUrl.lastIndexOf("/account/");
        if (at < 0) {
            throw new IllegalArgumentException("not an ACME account URL: " + accountUrl);
        }
        return accountUrl.substring(0, at + 1) + PREFIX_SEGMENT;
    }

    /** The hashed URI for {@code domain} (or {@link #ANY_DOMAIN}), the account key's thumbprint and URL. */
    public static String of(String prefix, String domain, String jwkThumbprint, String accountUrl) {
        byte[] name = domain.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (name.length == 0 || name.length > 255) {
            throw new IllegalArgumentException("a domain name has 1 to 255 octets: " + domain);
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update((byte) name.length);
            sha256.update(name);
            sha256.update(jwkThumbprint.getBytes(StandardCharsets.US_ASCII));
            sha256.update(accountUrl.getBytes(StandardCharsets.US_ASCII));
            return prefix + ALGORITHM + "/" + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Every hashed URI that authorizes the account for {@code domain}: per account URL (one per CA
     * DNS name), the domain-bound form and the {@code *} opt-out (draft-ietf-acme-dns-persist-02 §4.2).
     */
    public static Set<String> accepted(Iterable<String> accountUrls, String domain, String jwkThumbprint) {
        Set<String> accepted = new LinkedHashSet<>();
        for (String url : accountUrls) {
            String prefix = prefixFor(url);
            accepted.add(of(prefix, domain, jwkThumbprint, url));
            accepted.add(of(prefix, ANY_DOMAIN, jwkThumbprint, url));
        }
        return accepted;
    }

    /**
     * Whether {@code value} has the shape of a hashed URI under one of the prefixes: the algorithm
     * Stile accepts and 43 base64url characters (a SHA-256 digest). A value failing this is a
     * malformed record (draft-ietf-acme-dns-persist-02 §9.3.1), not a wrong account.
     */
    public static boolean wellFormed(String value, Iterable<String> accountUrls) {
        for (String url : accountUrls) {
            String head = prefixFor(url) + ALGORITHM + "/";
            if (value.startsWith(head) && value.substring(head.length()).matches("[A-Za-z0-9_-]{43}")) {
                return true;
            }
        }
        return false;
    }
}
