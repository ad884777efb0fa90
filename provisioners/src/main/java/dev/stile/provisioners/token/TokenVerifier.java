package dev.stile.provisioners.token;

import dev.stile.provisioners.AuthorizationException;
import dev.stile.provisioners.JwkProvisioner;
import dev.stile.provisioners.K8sSaProvisioner;
import dev.stile.provisioners.OidcProvisioner;
import dev.stile.provisioners.Provisioner;
import dev.stile.provisioners.ProvisionerRegistry;
import dev.stile.provisioners.X5cProvisioner;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Verifies step-ca one-time tokens (reference section 3.1): finds the provisioner the token names,
 * verifies the signature with that provisioner's key FIRST (step-ca checks replay first, which lets
 * a forged token burn a real token's ID), then times, audience and subject, and only then consumes
 * the token ID. Every failure is an {@link AuthorizationException} whose reason names the check.
 */
public final class TokenVerifier {

    private final Supplier<ProvisionerRegistry> provisioners;
    private final Audiences audiences;
    private final TokenStore usedTokens;
    private final Clock clock;
    private final Instant caStart;
    private final List<X509Certificate> caTrust;
    private final TypeChecks checks;

    /**
     * @param provisioners the current provisioners (a {@code ProvisionerSource})
     * @param audiences    the CA's names
     * @param usedTokens   replay store
     * @param clock        time source
     * @param caStart      when the CA started, for the issued-at check; {@code null} when
     *                     {@code authority.disableIssuedAtCheck} is set
     * @param caRoots      the CA's roots: renew tokens ({@code x5cInsecure}) must chain to them
     * @param caIntermediates the CA's intermediates, used when a renew token carries only the leaf
     * @param oidc         discovery client for OIDC provisioners
     */
    public TokenVerifier(Supplier<ProvisionerRegistry> provisioners, Audiences audiences, TokenStore usedTokens,
                         Clock clock, Instant caStart, List<X509Certificate> caRoots,
                         List<X509Certificate> caIntermediates, OidcDiscovery oidc) {
        this.provisioners = provisioners;
        this.audiences = audiences;
        this.usedTokens = usedTokens;
        this.clock = clock;
        this.caStart = caStart;
        this.caTrust = List.copyOf(caRoots);
        this.checks = new TypeChecks(audiences, oidc, caIntermediates);
    }

    /** A token for {@code POST /sign}. */
    public VerifiedToken authorizeSign(String ott) {
        return authorize(ott, TokenPurpose.SIGN);
    }

    /** A token for {@code POST /revoke}; its {@code sub} is the serial in decimal. */
    public VerifiedToken authorizeRevoke(String ott) {
        return authorize(ott, TokenPurpose.REVOKE);
    }

    /**
     * A renew token from {@code Authorization: Bearer} (reference section 3.5): signed by the key of
     * the certificate in {@code x5cInsecure}, which must chain to the CA's roots ignoring expiry.
     * The caller then applies the renewal rules (revoked? disableRenewal? expired?).
     */
    public VerifiedToken authorizeRenew(String bearer) {
        ParsedToken token = ParsedToken.parse(bearer);
        Instant now = clock.instant();
        ProvisionerRegistry registry = provisioners.get();
        VerifiedToken verified = checks.renew(token, registry, caTrust, now, caStart);
        consume(verified, token);
        return verified;
    }

    private VerifiedToken authorize(String ott, TokenPurpose purpose) {
        ParsedToken token = ParsedToken.parse(ott);
        Instant now = clock.instant();
        ProvisionerRegistry registry = provisioners.get();
        Provisioner p = findProvisioner(token, purpose, registry);
        VerifiedToken verified;
        if (p instanceof JwkProvisioner) {
            verified = checks.jwk(token, (JwkProvisioner) p, purpose, now, caStart);
        } else if (p instanceof X5cProvisioner) {
            verified = checks.x5c(token, (X5cProvisioner) p, purpose, now, caStart);
        } else if (p instanceof K8sSaProvisioner) {
            verified = checks.k8sSa(token, (K8sSaProvisioner) p, purpose, now, caStart);
        } else if (p instanceof OidcProvisioner) {
            verified = checks.oidc(token, (OidcProvisioner) p, purpose, now, caStart);
        } else {
            throw AuthorizationException.unauthorized(p + " does not accept tokens");
        }
        if (!(p instanceof K8sSaProvisioner)) {
            // K8sSA tokens are long-lived and reused by design; step-ca has no replay check for them.
            consume(verified, token);
        }
        return verified;
    }

    private void consume(VerifiedToken verified, ParsedToken token) {
        // Every consumed token type requires exp (TimeClaims), so this is the token's own expiry plus
        // the leeway; the fallback only guards a future token type that forgets to require it.
        Instant expires = TimeClaims.rememberUntil(token.claims());
        if (expires == null) {
            throw AuthorizationException.unauthorized("token has no exp claim");
        }
        if (!usedTokens.useOnce(verified.tokenId(), expires)) {
            throw AuthorizationException.unauthorized("token already used: ID " + verified.tokenId() + " from "
                    + verified.provisioner() + " was presented before (one-time tokens cannot be replayed)");
        }
    }

    /** Reference 3.1 step 2, with a log reason that says which lookup failed. */
    private Provisioner findProvisioner(ParsedToken token, TokenPurpose purpose, ProvisionerRegistry registry) {
        List<String> aud = token.audiences();
        for (String a : aud) {
            int hash = a.indexOf('#');
            if (hash > 0) {
                String base = a.substring(0, hash);
                String id = a.substring(hash + 1);
                if (!audiences.matches(List.of(base), purpose)) {
                    throw wrongAudience(a, purpose);
                }
                return registry.byId(id).orElseThrow(() -> AuthorizationException.unauthorized(
                        "no provisioner with ID \"" + id + "\" (named by the fragment of token audience " + a + ")"));
            }
        }
        if (audiences.matches(aud, purpose)) {
            return findJwk(token, registry);
        }
        if (K8sSaProvisioner.ISSUER.equals(token.issuer())) {
            return registry.k8sSa().orElseThrow(() -> AuthorizationException.unauthorized(
                    "token is a Kubernetes service-account token but no K8sSA provisioner is configured"));
        }
        String azp = token.string("azp");
        Optional<OidcProvisioner> oidc = azp != null ? registry.oidcByClientId(azp) : Optional.empty();
        if (oidc.isEmpty() && !aud.isEmpty()) {
            oidc = registry.oidcByClientId(aud.get(0));
        }
        if (oidc.isPresent()) {
            return oidc.get();
        }
        if (aud.isEmpty()) {
            throw AuthorizationException.unauthorized("token has no aud claim (expected one of "
                    + audiences.describe(purpose) + ")");
        }
        throw wrongAudience(String.join(", ", aud), purpose);
    }

    private AuthorizationException wrongAudience(String aud, TokenPurpose purpose) {
        return AuthorizationException.unauthorized("token audience " + aud + " is not one of this CA's "
                + purpose.name().toLowerCase(java.util.Locale.ROOT) + " audiences " + audiences.describe(purpose)
                + " (the host in the client's CA URL must be listed in dnsNames " + audiences.dnsNames()
                + "), nor an OIDC client ID");
    }

    private static Provisioner findJwk(ParsedToken token, ProvisionerRegistry registry) {
        String iss = token.issuer();
        String kid = token.keyId();
        if (iss == null || iss.isEmpty()) {
            throw AuthorizationException.unauthorized("token has no iss claim (a JWK token's iss is the provisioner name)");
        }
        if (kid == null || kid.isEmpty()) {
            throw AuthorizationException.unauthorized("token header has no kid (a JWK token names its provisioner key)");
        }
        Optional<Provisioner> byId = registry.byId(iss + ":" + kid);
        if (byId.isPresent()) {
            return byId.get();
        }
        Optional<Provisioner> byName = registry.byName(iss);
        if (byName.isPresent() && byName.get() instanceof JwkProvisioner) {
            throw AuthorizationException.unauthorized("JWK provisioner \"" + iss + "\" has key kid \""
                    + ((JwkProvisioner) byName.get()).kid() + "\" but the token header names kid \"" + kid
                    + "\" (token signed with another provisioner's key?)");
        }
        if (byName.isPresent()) {
            throw AuthorizationException.unauthorized("provisioner \"" + iss + "\" is " + byName.get().configuredType()
                    + ", not JWK, and does not accept JWK tokens");
        }
        throw AuthorizationException.unauthorized("no JWK provisioner named \"" + iss + "\" with kid \"" + kid + "\"");
    }
}
