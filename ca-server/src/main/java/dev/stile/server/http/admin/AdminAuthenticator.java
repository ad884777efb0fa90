package dev.stile.server.http.admin;

import dev.stile.authority.AuthorityException;
import dev.stile.authority.CertificateNameReader;
import dev.stile.authority.SubjectAlternativeNames;
import dev.stile.admin.AdminRecord;
import dev.stile.admin.AdminStore;
import dev.stile.authority.ProvisionerExtension;
import dev.stile.server.http.admin.session.AdminSessions;
import dev.stile.provisioners.jwe.JoseProviders;
import dev.stile.provisioners.token.TokenStore;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * step-ca's admin authentication (step-ca-api.md 7.2): {@code Authorization: <raw JWT>} whose
 * {@code x5c} leaf was issued by this CA for client authentication and signed the token; the
 * claims name this request; and the leaf's provisioner plus one of its names is an admin.
 */
public final class AdminAuthenticator {

    /** step CLI's issuer for admin tokens. */
    public static final String ADMIN_ISSUER = "step-admin-client/1.0";
    private static final Duration LEEWAY = Duration.ofSeconds(60);
    private static final Duration MAX_LIFETIME = Duration.ofMinutes(5);
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final AlgorithmConstraints ALGORITHMS = new AlgorithmConstraints(
            AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
            AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384, AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512,
            AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384,
            AlgorithmIdentifiers.RSA_USING_SHA512, AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
            AlgorithmIdentifiers.RSA_PSS_USING_SHA384, AlgorithmIdentifiers.RSA_PSS_USING_SHA512,
            AlgorithmIdentifiers.EDDSA);

    private final List<X509Certificate> issuers;
    private final Set<String> dnsNames;
    private final AdminStore admins;
    private final TokenStore usedTokens;
    private final Clock clock;
    private volatile AdminSessions sessions;

    /**
     * @param issuers  certificates that may have issued an admin's leaf (this CA's intermediates)
     * @param dnsNames the CA's names, accepted as the host of the {@code aud} URL
     */
    public AdminAuthenticator(List<X509Certificate> issuers, List<String> dnsNames, AdminStore admins,
                              TokenStore usedTokens, Clock clock) {
        this.issuers = List.copyOf(issuers);
        Set<String> names = new LinkedHashSet<>();
        dnsNames.forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
        this.dnsNames = names;
        this.admins = Objects.requireNonNull(admins, "admins");
        this.usedTokens = Objects.requireNonNull(usedTokens, "usedTokens");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Also accept admin sessions ({@code stile admin login}, the console); set once at wiring. */
    public AdminAuthenticator acceptSessions(AdminSessions sessions) {
        this.sessions = sessions;
        return this;
    }

    /** The sessions accepted besides x5c tokens, or null when sessions are off. */
    public AdminSessions sessions() {
        return sessions;
    }

    /**
     * @param authorization the Authorization header (raw JWT; a {@code Bearer } prefix is tolerated)
     * @param path          the request path, e.g. {@code /admin/admins}
     * @throws AdminAuthException 401 with the reason
     */
    public AdminIdentity authenticate(String authorization, String path) {
        if (authorization == null || authorization.isBlank()) {
            throw new AdminAuthException(401, "missing Authorization header with an admin token");
        }
        String token = authorization.trim();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).trim();
        }
        JsonWebSignature jws = new JsonWebSignature();
        JwtClaims claims;
        X509Certificate leaf;
        try {
            jws.setCompactSerialization(token);
            jws.setAlgorithmConstraints(ALGORITHMS);
            jws.setProviderContext(JoseProviders.context());
            List<X509Certificate> chain = jws.getCertificateChainHeaderValue();
            if (chain == null || chain.isEmpty()) {
                throw new AdminAuthException(401, "admin token has no x5c certificate chain");
            }
            leaf = chain.get(0);
            checkLeaf(leaf);
            jws.setKey(leaf.getPublicKey());
            if (!jws.verifySignature()) {
                throw new AdminAuthException(401, "admin token signature does not match its x5c certificate");
            }
            claims = JwtClaims.parse(jws.getPayload());
        } catch (JoseException | org.jose4j.jwt.consumer.InvalidJwtException e) {
            throw new AdminAuthException(401, "admin token is not a valid JWS: " + e.getMessage());
        }
        try {
            checkClaims(claims, path);
        } catch (MalformedClaimException e) {
            throw new AdminAuthException(401, "admin token claim malformed: " + e.getMessage());
        }
        return identify(leaf);
    }

    private void checkLeaf(X509Certificate leaf) {
        Instant now = clock.instant();
        if (now.isBefore(leaf.getNotBefore().toInstant()) || now.isAfter(leaf.getNotAfter().toInstant())) {
            throw new AdminAuthException(401, "admin certificate " + leaf.getSerialNumber().toString(16)
                    + " is not valid now (valid " + leaf.getNotBefore().toInstant() + " to "
                    + leaf.getNotAfter().toInstant() + ")");
        }
        boolean issued = false;
        for (X509Certificate issuer : issuers) {
            try {
                if (leaf.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                    leaf.verify(issuer.getPublicKey(), JoseProviders.bouncyCastle());
                    issued = true;
                    break;
                }
            } catch (GeneralSecurityException e) {
                // Try the next issuer; none left means not ours.
            }
        }
        if (!issued) {
            throw new AdminAuthException(401, "admin certificate " + leaf.getSerialNumber().toString(16)
                    + " was not issued by this CA");
        }
        boolean[] usage = leaf.getKeyUsage();
        if (usage != null && !usage[0]) {
            throw new AdminAuthException(401, "admin certificate lacks the digitalSignature key usage");
        }
        try {
            List<String> eku = leaf.getExtendedKeyUsage();
            if (eku != null && !eku.contains(CLIENT_AUTH)) {
                throw new AdminAuthException(401, "admin certificate lacks the clientAuth extended key usage");
            }
        } catch (java.security.cert.CertificateParsingException e) {
            throw new AdminAuthException(401, "admin certificate has an unreadable extended key usage");
        }
    }

    private void checkClaims(JwtClaims claims, String path) throws MalformedClaimException {
        String issuer = claims.getIssuer();
        if (issuer == null || issuer.isBlank()) {
            throw new AdminAuthException(401, "admin token has no iss");
        }
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            throw new AdminAuthException(401, "admin token has no sub");
        }
        List<String> audiences = claims.getAudience();
        if (audiences == null || audiences.stream().noneMatch(a -> audienceMatches(a, path))) {
            throw new AdminAuthException(401, "admin token audience " + audiences + " does not name " + path);
        }
        Instant now = clock.instant();
        NumericDate exp = claims.getExpirationTime();
        if (exp == null) {
            throw new AdminAuthException(401, "admin token has no exp");
        }
        Instant expires = Instant.ofEpochSecond(exp.getValue());
        if (now.isAfter(expires.plus(LEEWAY))) {
            throw new AdminAuthException(401, "admin token expired at " + expires);
        }
        NumericDate nbf = claims.getNotBefore() != null ? claims.getNotBefore() : claims.getIssuedAt();
        if (nbf != null) {
            Instant notBefore = Instant.ofEpochSecond(nbf.getValue());
            if (now.plus(LEEWAY).isBefore(notBefore)) {
                throw new AdminAuthException(401, "admin token is not valid before " + notBefore);
            }
            if (Duration.between(notBefore, expires).compareTo(MAX_LIFETIME.plus(LEEWAY)) > 0) {
                throw new AdminAuthException(401, "admin token lives longer than 5 minutes");
            }
        } else if (Duration.between(now, expires).compareTo(MAX_LIFETIME.plus(LEEWAY)) > 0) {
            throw new AdminAuthException(401, "admin token lives longer than 5 minutes");
        }
        String jti = claims.getJwtId();
        if (jti == null || jti.isBlank()) {
            throw new AdminAuthException(401, "admin token has no jti");
        }
        if (!usedTokens.useOnce("admin:" + jti, expires.plus(LEEWAY))) {
            throw new AdminAuthException(401, "admin token " + jti + " was already used");
        }
    }

    /** {@code https://<one of our names>[:port]<path>} or the bare path; the query is ignored. */
    private boolean audienceMatches(String audience, String path) {
        if (audience == null) {
            return false;
        }
        try {
            URI uri = URI.create(audience);
            if (uri.getScheme() == null) {
                return path.equals(uri.getPath());
            }
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            return "https".equalsIgnoreCase(uri.getScheme()) && dnsNames.contains(host) && path.equals(uri.getPath());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private AdminIdentity identify(X509Certificate leaf) {
        String provisioner = ProvisionerExtension.from(leaf).map(ProvisionerExtension::name)
                .orElseThrow(() -> new AdminAuthException(401, "admin certificate " + leaf.getSerialNumber().toString(16)
                        + " does not name the provisioner that issued it"));
        List<String> names = namesOf(leaf);
        AdminRecord admin = admins.findFor(provisioner, names)
                .orElseThrow(() -> new AdminAuthException(401, "no admin " + names + " for provisioner " + provisioner));
        return new AdminIdentity(admin, admin.subject(), leaf.getSerialNumber().toString(16), null);
    }

    /** The leaf's CN, DNS and e-mail SANs: the names an admin record may match. */
    static List<String> namesOf(X509Certificate leaf) {
        Set<String> names = new LinkedHashSet<>();
        String dn = leaf.getSubjectX500Principal().getName();
        for (String rdn : dn.split(",")) {
            if (rdn.trim().regionMatches(true, 0, "CN=", 0, 3)) {
                names.add(rdn.trim().substring(3));
            }
        }
        try {
            SubjectAlternativeNames sans = CertificateNameReader.sans(leaf);
            names.addAll(sans.dnsNames());
            names.addAll(sans.emails());
        } catch (AuthorityException e) {
            // Names from the CN only.
        }
        return new ArrayList<>(names);
    }
}
