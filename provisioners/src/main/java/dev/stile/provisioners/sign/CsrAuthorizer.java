package dev.stile.provisioners.sign;

import dev.stile.authority.csr.ParsedCsr;
import dev.stile.provisioners.AuthorizationException;
import dev.stile.provisioners.token.VerifiedToken;

import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides the names of a certificate from a verified token and the submitted CSR (reference 3.3):
 * for JWK and X5C tokens the names come from the token and the CSR may only repeat them; K8sSA
 * and OIDC admins get the CSR's names; other OIDC users only their e-mail address. Only the CSR's
 * public key is ever used as is. The CSR arrives parsed and verified ({@link dev.stile.authority.csr.CsrParser}).
 */
public final class CsrAuthorizer {

    private CsrAuthorizer() {
    }

    /**
     * The names the certificate gets.
     *
     * @throws AuthorizationException 403 when the CSR asks for names the token does not grant
     */
    public static CertificateNames names(VerifiedToken token, ParsedCsr csr) {
        CertificateNames requested = requestedNames(csr);
        checkCsrHash(token, csr);
        switch (token.names()) {
            case CSR:
                return requested;
            case EMAIL:
                return emailOnly(token, requested);
            default:
                return fromToken(token, requested);
        }
    }

    private static CertificateNames fromToken(VerifiedToken token, CertificateNames requested) {
        String sub = token.subject();
        String cn = requested.commonName();
        boolean x5c = !token.chain().isEmpty();
        if (!cn.isEmpty() && !cn.equals(sub) && (x5c || !token.sans().contains(cn))) {
            throw AuthorizationException.forbidden("certificate request does not contain the valid common name - got "
                    + cn + ", want " + sub);
        }
        CertificateNames granted = CertificateNames.fromSans(sub, token.sans());
        sameSet("DNS names", requested.dnsNames(), granted.dnsNames());
        sameSet("IP addresses", requested.ipAddresses(), granted.ipAddresses());
        sameSet("email addresses", requested.emailAddresses(), granted.emailAddresses());
        sameSet("URIs", requested.uris(), granted.uris());
        return granted;
    }

    private static CertificateNames emailOnly(VerifiedToken token, CertificateNames requested) {
        String email = token.email().orElseThrow();
        for (String n : requested.emailAddresses()) {
            if (!n.equalsIgnoreCase(email)) {
                throw AuthorizationException.forbidden("certificate request contains email address " + n
                        + " but the token only grants " + email);
            }
        }
        if (!requested.dnsNames().isEmpty() || !requested.ipAddresses().isEmpty() || !requested.uris().isEmpty()) {
            throw AuthorizationException.forbidden("certificate request contains names other than the email address "
                    + email + ", which is all an OIDC token grants");
        }
        String cn = requested.commonName();
        if (!cn.isEmpty() && !cn.equalsIgnoreCase(email) && !cn.equals(token.subject())) {
            throw AuthorizationException.forbidden("certificate request common name " + cn + " is not " + email);
        }
        return new CertificateNames(email, List.of(), List.of(), List.of(email), List.of());
    }

    private static void sameSet(String what, List<String> requested, List<String> granted) {
        if (requested.isEmpty()) {
            return;
        }
        Set<String> r = new HashSet<>(requested);
        Set<String> g = new HashSet<>(granted);
        if (!r.equals(g)) {
            Set<String> extra = new HashSet<>(r);
            extra.removeAll(g);
            Set<String> missing = new HashSet<>(g);
            missing.removeAll(r);
            throw AuthorizationException.forbidden("certificate request " + what + " " + requested
                    + " do not match the token's " + granted
                    + (extra.isEmpty() ? "" : "; not in the token: " + extra)
                    + (missing.isEmpty() ? "" : "; missing from the request: " + missing));
        }
    }

    private static void checkCsrHash(VerifiedToken token, ParsedCsr csr) {
        if (token.csrHash().isEmpty()) {
            return;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(csr.der());
            String actual = Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
            if (!actual.equals(token.csrHash().get())) {
                throw AuthorizationException.forbidden("certificate request fingerprint " + actual
                        + " does not match the token's cnf x5rt#S256 " + token.csrHash().get());
            }
        } catch (GeneralSecurityException e) {
            throw AuthorizationException.badRequest("invalid certificate request: " + e.getMessage());
        }
    }

    /**
     * The CN and SANs the CSR asks for. Names of a kind a certificate here cannot carry are refused
     * (403), as before; IP addresses are written the way {@link InetAddress#getHostAddress} does.
     */
    public static CertificateNames requestedNames(ParsedCsr csr) {
        if (!csr.unsupportedSanTypes().isEmpty()) {
            throw AuthorizationException.forbidden("certificate request contains an unsupported SAN type "
                    + csr.unsupportedSanTypes().get(0));
        }
        List<String> ips = new ArrayList<>();
        csr.sans().ips().forEach(ip -> ips.add(ip.getHostAddress()));
        List<String> uris = new ArrayList<>();
        csr.sans().uris().forEach(uri -> uris.add(uri.toString()));
        return new CertificateNames(csr.commonName(), csr.sans().dnsNames(), ips, csr.sans().emails(), uris);
    }
}
