package dev.stile.provisioners.token;

import dev.stile.provisioners.AuthorizationException;
import dev.stile.provisioners.JwkProvisioner;
import dev.stile.provisioners.K8sSaProvisioner;
import dev.stile.provisioners.OidcProvisioner;
import dev.stile.provisioners.Provisioner;
import dev.stile.authority.ProvisionerExtension;
import dev.stile.provisioners.ProvisionerRegistry;
import dev.stile.provisioners.RenewalRules;
import dev.stile.provisioners.X5cProvisioner;
import dev.stile.provisioners.token.VerifiedToken.NameSource;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The provisioner-specific parts of token verification (reference sections 3.3 to 3.7). */
final class TypeChecks {

    /** The {@code iss} the step CLI puts in renew tokens. */
    static final String RENEW_ISSUER = "step-ca-client/1.0";

    private final Audiences audiences;
    private final OidcDiscovery oidc;
    private final List<X509Certificate> caIntermediates;

    TypeChecks(Audiences audiences, OidcDiscovery oidc, List<X509Certificate> caIntermediates) {
        this.audiences = audiences;
        this.oidc = oidc;
        this.caIntermediates = List.copyOf(caIntermediates);
    }

    VerifiedToken jwk(ParsedToken token, JwkProvisioner p, TokenPurpose purpose, Instant now, Instant caStart) {
        JwtClaims claims = Signatures.verify(token, p.key().getPublicKey(),
                p + " key kid \"" + p.kid() + "\"");
        requireIssuer(claims, p.name(), p);
        return tokenNamed(token, claims, p, purpose, now, caStart, List.of());
    }

    VerifiedToken x5c(ParsedToken token, X5cProvisioner p, TokenPurpose purpose, Instant now, Instant caStart) {
        List<X509Certificate> chain = X5cChains.decode(token.headerStrings("x5c"), "x5c");
        X5cChains.verify(chain, p.roots(), now, p + " x5c");
        JwtClaims claims = Signatures.verify(token, chain.get(0).getPublicKey(),
                "the x5c leaf " + chain.get(0).getSubjectX500Principal().getName());
        requireIssuer(claims, p.name(), p);
        return tokenNamed(token, claims, p, purpose, now, caStart, chain);
    }

    VerifiedToken k8sSa(ParsedToken token, K8sSaProvisioner p, TokenPurpose purpose, Instant now, Instant caStart) {
        JwtClaims claims = Signatures.verifyAny(token, p.publicKeys(), p + " public keys");
        TimeClaims.check(claims, now, null, false);
        String sub = requireSubject(claims, p);
        return new VerifiedToken(p, purpose, sub, List.of(), NameSource.CSR, token.sha256(), Optional.empty(),
                List.of(), Optional.empty(), claims);
    }

    VerifiedToken oidc(ParsedToken token, OidcProvisioner p, TokenPurpose purpose, Instant now, Instant caStart) {
        OidcDiscovery.Provider provider = provider(p, false);
        Optional<PublicJsonWebKey> key = keyFor(provider, token.keyId());
        if (key.isEmpty()) {
            provider = provider(p, true);
            key = keyFor(provider, token.keyId());
        }
        if (key.isEmpty()) {
            throw AuthorizationException.unauthorized("no key with kid \"" + token.keyId() + "\" in the JWKS of "
                    + p + " (" + p.configurationEndpoint() + ")");
        }
        JwtClaims claims = Signatures.verify(token, key.get().getPublicKey(), p + " JWKS key " + token.keyId());
        requireIssuer(claims, provider.issuer(), p);
        List<String> aud = token.audiences();
        if (!aud.contains(p.clientId())) {
            throw AuthorizationException.unauthorized("OIDC token audience " + aud + " does not contain the client ID \""
                    + p.clientId() + "\" of " + p);
        }
        String azp = string(claims, "azp");
        if (azp != null && !azp.equals(p.clientId())) {
            throw AuthorizationException.unauthorized("OIDC token azp \"" + azp + "\" is not the client ID of " + p);
        }
        TimeClaims.check(claims, now, caStart, true);
        String sub = requireSubject(claims, p);
        String email = string(claims, "email");
        boolean admin = p.isAdmin(email);
        if (!admin) {
            if (email == null || email.isBlank()) {
                throw AuthorizationException.unauthorized("OIDC token from " + p + " has no email claim");
            }
            if (Boolean.FALSE.equals(claims.getClaimValue("email_verified"))) {
                throw AuthorizationException.unauthorized("OIDC token email " + email + " is not verified");
            }
            String domain = email.substring(email.lastIndexOf('@') + 1).toLowerCase(java.util.Locale.ROOT);
            if (!p.domains().isEmpty() && !p.domains().contains(domain)) {
                throw AuthorizationException.unauthorized("OIDC token email domain " + domain + " is not one of "
                        + p.domains() + " allowed by " + p);
            }
            if (!p.groups().isEmpty() && stringList(claims, "groups").stream().noneMatch(p.groups()::contains)) {
                throw AuthorizationException.unauthorized("OIDC token of " + email + " is in none of the groups "
                        + p.groups() + " required by " + p);
            }
        }
        String nonce = string(claims, "nonce");
        String tokenId = nonce == null || nonce.isEmpty() ? token.sha256() : nonce;
        return new VerifiedToken(p, purpose, sub, email == null ? List.of() : List.of(email),
                admin ? NameSource.CSR : NameSource.EMAIL, tokenId, Optional.empty(), List.of(),
                Optional.ofNullable(email), claims);
    }

    VerifiedToken renew(ParsedToken token, ProvisionerRegistry registry, List<X509Certificate> caRoots,
                        Instant now, Instant caStart) {
        List<X509Certificate> chain = new ArrayList<>(X5cChains.decode(token.headerStrings("x5cInsecure"), "x5cInsecure"));
        X509Certificate leaf = chain.get(0);
        if (chain.size() == 1) {
            for (X509Certificate i : caIntermediates) {
                if (i.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
                    chain.add(i);
                }
            }
        }
        // Expired certificates may be renewed (allowRenewalAfterExpiry), so verify just before expiry.
        Instant at = leaf.getNotAfter().toInstant().minusSeconds(60);
        X5cChains.verify(chain, caRoots, at, "renew token x5cInsecure");
        JwtClaims claims = Signatures.verify(token, leaf.getPublicKey(),
                "the key of certificate " + leaf.getSerialNumber() + " (x5cInsecure)");
        Provisioner p = provisionerOf(leaf, registry);
        TimeClaims.check(claims, now, caStart, true);
        String iss = string(claims, "iss");
        if (iss != null && !iss.equals(RENEW_ISSUER) && !iss.equals(p.name())) {
            throw AuthorizationException.unauthorized("renew token iss \"" + iss + "\" is neither \"" + RENEW_ISSUER
                    + "\" nor the provisioner name \"" + p.name() + "\"");
        }
        String sub = requireSubject(claims, p);
        String cn = commonName(leaf);
        if (!sub.equals(cn)) {
            throw AuthorizationException.unauthorized("renew token sub \"" + sub
                    + "\" is not the certificate's common name \"" + cn + "\"");
        }
        if (!audiences.matches(token.audiences(), TokenPurpose.RENEW)) {
            throw AuthorizationException.unauthorized("renew token audience " + token.audiences()
                    + " is not one of this CA's renew audiences " + audiences.describe(TokenPurpose.RENEW));
        }
        return new VerifiedToken(p, TokenPurpose.RENEW, sub, List.of(), NameSource.CSR, token.sha256(),
                Optional.empty(), chain, Optional.empty(), claims);
    }

    /** The provisioner named by the certificate's provisioner extension (reference 4.7). */
    static Provisioner provisionerOf(X509Certificate cert, ProvisionerRegistry registry) {
        Optional<ProvisionerExtension> ext = RenewalRules.extensionOf(cert);
        if (ext.isEmpty()) {
            throw AuthorizationException.unauthorized("certificate " + cert.getSerialNumber()
                    + " has no provisioner extension, so no provisioner can authorise its token renewal");
        }
        return registry.byName(ext.get().name()).orElseThrow(() -> AuthorizationException.unauthorized(
                "certificate " + cert.getSerialNumber() + " was issued by provisioner \"" + ext.get().name()
                        + "\", which is no longer configured"));
    }

    private VerifiedToken tokenNamed(ParsedToken token, JwtClaims claims, Provisioner p, TokenPurpose purpose,
                                     Instant now, Instant caStart, List<X509Certificate> chain) {
        TimeClaims.check(claims, now, caStart, true);
        // The audience chose the provisioner, but check it again now that it is authenticated.
        List<String> aud = new ArrayList<>();
        for (String a : token.audiences()) {
            aud.add(a.contains("#") ? a.substring(0, a.indexOf('#')) : a);
        }
        if (!audiences.matches(aud, purpose)) {
            throw AuthorizationException.unauthorized("token audience " + token.audiences() + " is not one of this CA's "
                    + purpose.name().toLowerCase(java.util.Locale.ROOT) + " audiences " + audiences.describe(purpose));
        }
        String sub = requireSubject(claims, p);
        List<String> sans = stringList(claims, "sans");
        if (sans.isEmpty() && purpose == TokenPurpose.SIGN) {
            sans = List.of(sub);
        }
        String jti = string(claims, "jti");
        String tokenId = jti == null || jti.isEmpty() ? token.sha256() : jti;
        return new VerifiedToken(p, purpose, sub, sans, NameSource.TOKEN, tokenId, csrHash(claims), chain,
                Optional.empty(), claims);
    }

    private OidcDiscovery.Provider provider(OidcProvisioner p, boolean refresh) {
        try {
            return oidc.provider(p.configurationEndpoint(), refresh);
        } catch (IOException e) {
            throw AuthorizationException.unauthorized("cannot verify an OIDC token of " + p + ": " + e.getMessage());
        }
    }

    private static Optional<PublicJsonWebKey> keyFor(OidcDiscovery.Provider provider, String kid) {
        for (JsonWebKey k : provider.keys()) {
            if (k instanceof PublicJsonWebKey && (kid == null || kid.equals(k.getKeyId()))
                    && (k.getUse() == null || "sig".equals(k.getUse()))) {
                return Optional.of((PublicJsonWebKey) k);
            }
        }
        return Optional.empty();
    }

    private static void requireIssuer(JwtClaims claims, String expected, Provisioner p) {
        String iss = string(claims, "iss");
        if (!expected.equals(iss)) {
            throw AuthorizationException.unauthorized("token iss \"" + iss + "\" is not \"" + expected + "\" as "
                    + p + " requires");
        }
    }

    private static String requireSubject(JwtClaims claims, Provisioner p) {
        String sub = string(claims, "sub");
        if (sub == null || sub.isEmpty()) {
            throw AuthorizationException.unauthorized("token for " + p + " has an empty sub claim");
        }
        return sub;
    }

    private static Optional<String> csrHash(JwtClaims claims) {
        Object cnf = claims.getClaimValue("cnf");
        if (cnf instanceof Map<?, ?>) {
            Object v = ((Map<?, ?>) cnf).get("x5rt#S256");
            if (v instanceof String && !((String) v).isEmpty()) {
                return Optional.of((String) v);
            }
        }
        return Optional.empty();
    }

    static String string(JwtClaims claims, String name) {
        Object v = claims.getClaimValue(name);
        return v instanceof String ? (String) v : null;
    }

    private static List<String> stringList(JwtClaims claims, String name) {
        try {
            if (!claims.hasClaim(name)) {
                return List.of();
            }
            Object v = claims.getClaimValue(name);
            if (v instanceof String) {
                return List.of((String) v);
            }
            return claims.getStringListClaimValue(name);
        } catch (MalformedClaimException e) {
            throw AuthorizationException.unauthorized("token claim " + name + " is not a list of strings");
        }
    }

    static String commonName(X509Certificate cert) {
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (InvalidNameException e) {
            return "";
        }
        return "";
    }

}
