package dev.stile.step;

import dev.stile.authority.inventory.Revocations;
import dev.stile.provisioners.AuthorizationException;
import dev.stile.provisioners.Provisioner;
import dev.stile.provisioners.ProvisionerRegistry;
import dev.stile.provisioners.RenewalRules;
import dev.stile.provisioners.claims.Claims;
import dev.stile.provisioners.claims.RequestedTimes;
import dev.stile.provisioners.sign.CertificateNames;
import dev.stile.provisioners.sign.CsrAuthorizer;
import dev.stile.provisioners.token.TokenVerifier;
import dev.stile.provisioners.token.VerifiedToken;
import dev.stile.authority.Authority;
import dev.stile.authority.CertificateNameReader;
import dev.stile.authority.csr.CsrParser;
import dev.stile.authority.csr.ParsedCsr;
import dev.stile.authority.DurationLimits;
import dev.stile.authority.IssuancePolicy;
import dev.stile.authority.IssueRequest;
import dev.stile.authority.IssuedCertificate;
import dev.stile.authority.ProvisionerIdentity;
import dev.stile.authority.Serials;
import dev.stile.authority.SubjectAlternativeNames;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * step-ca's x509 enrollment without HTTP: {@code /sign} (token + CSR), {@code /renew} and
 * {@code /rekey} (an authenticated certificate). Every path ends in {@link Authority#issue}, after
 * the provisioner and the CSR-vs-token rules have agreed; the authority then decides validity and
 * the x509 policies (provisioner, then authority) from the {@link IssuancePolicy} handed to it.
 */
public final class StepAuthority {

    private final Authority authority;
    private final TokenVerifier tokens;
    private final Supplier<ProvisionerRegistry> provisioners;
    private final Revocations revocations;
    private final Duration backdate;
    private final Clock clock;

    public StepAuthority(Authority authority, TokenVerifier tokens, Supplier<ProvisionerRegistry> provisioners,
                         Revocations revocations, Duration backdate, Clock clock) {
        this.authority = authority;
        this.tokens = tokens;
        this.provisioners = provisioners;
        this.revocations = revocations;
        this.backdate = backdate;
        this.clock = clock;
    }

    public TokenVerifier tokens() {
        return tokens;
    }

    /**
     * {@code POST /sign}'s body.
     *
     * @param csr       the PEM CSR
     * @param ott       the one-time token
     * @param notBefore requested start (RFC 3339 or a Go duration), or empty
     * @param notAfter  requested end (RFC 3339 or a Go duration), or empty
     */
    public record SignRequest(String csr, String ott, String notBefore, String notAfter) {
    }

    /**
     * {@code POST /sign}: reference 2.7 and 3.3.
     *
     * @throws StepException BAD_REQUEST, UNAUTHORIZED or FORBIDDEN as step-ca; INTERNAL when signing failed
     */
    public IssuedCertificate sign(SignRequest r) {
        return Failures.translated(() -> sign(r.csr(), r.ott(), r.notBefore(), r.notAfter()));
    }

    /**
     * {@code POST /renew} over mTLS: the certificate was authenticated by the TLS layer.
     *
     * @throws StepException UNAUTHORIZED for a revoked or expired certificate, FORBIDDEN by policy
     */
    public IssuedCertificate renew(X509Certificate cert) {
        return Failures.translated(() -> renewCertificate(cert));
    }

    /** {@code POST /rekey}: like renew, with the public key of a new CSR. */
    public IssuedCertificate rekey(X509Certificate cert, String csrPem) {
        return Failures.translated(() -> rekeyCertificate(cert, csrPem));
    }

    /** {@code POST /renew} with a renew token (reference 3.5) instead of mTLS. */
    public IssuedCertificate renewWithToken(String bearer) {
        return Failures.translated(() -> renewWithRenewToken(bearer));
    }

    /**
     * {@code POST /sign}: reference 2.7 and 3.3.
     *
     * @throws AuthorizationException                              400/401/403 as step-ca
     * @throws dev.stile.authority.AuthorityException       400/403/500 from signing
     */
    private IssuedCertificate sign(String csrPem, String ott, String notBefore, String notAfter) {
        if (csrPem == null || csrPem.isBlank()) {
            throw AuthorizationException.badRequest("missing csr");
        }
        ParsedCsr request = CsrParser.parsePem(csrPem); // the one parse and signature check of this request
        if (ott == null || ott.isBlank()) {
            throw AuthorizationException.badRequest("missing ott");
        }
        Instant now = clock.instant();
        RequestedTimes times = RequestedTimes.parse(now, notBefore, notAfter);
        VerifiedToken token = tokens.authorizeSign(ott);
        PublicKey key = request.publicKey();
        CertificateNames names = CsrAuthorizer.names(token, request);
        Instant nb = times.notBefore();
        Instant na = times.notAfter();
        Provisioner p = token.provisioner();
        if (token.chainNotAfter().isPresent()) {
            // X5C: the new certificate must lie inside the x5c leaf's validity (reference 3.4).
            X509Certificate leaf = token.chain().get(0);
            Instant leafEnd = leaf.getNotAfter().toInstant();
            Instant leafStart = leaf.getNotBefore().toInstant();
            if (na != null && na.isAfter(leafEnd)) {
                throw AuthorizationException.forbidden("requested notAfter " + na
                        + " is after the x5c certificate's notAfter " + leafEnd);
            }
            if (nb != null && nb.isBefore(leafStart)) {
                throw AuthorizationException.forbidden("requested notBefore " + nb
                        + " is before the x5c certificate's notBefore " + leafStart);
            }
            if (na == null) {
                Instant start = nb == null ? now : nb;
                na = min(start.plus(p.claims().defaultTlsDuration()), leafEnd);
            }
        }
        // The authority decides the claims' durations and, first, the x509 policies (Authority#issue).
        ProvisionerRegistry registry = provisioners.get();
        IssuancePolicy policy = limits(p.claims())
                .withNames((commonName, requested) -> checkPolicies(registry, Optional.of(p), names));
        return authority.issue(new IssueRequest(key, names.commonName(), sans(names), nb, na,
                policy, identity(p), token.subject()));
    }

    /**
     * {@code POST /renew}: the certificate was authenticated by mTLS or a renew token. The new
     * certificate keeps names and total span; its public key is the old one (reference 9.3).
     */
    private IssuedCertificate renewCertificate(X509Certificate cert) {
        return reissue(cert, cert.getPublicKey());
    }

    private IssuedCertificate rekeyCertificate(X509Certificate cert, String csrPem) {
        if (csrPem == null || csrPem.isBlank()) {
            throw AuthorizationException.badRequest("missing csr");
        }
        return reissue(cert, CsrParser.parsePem(csrPem).publicKey());
    }

    /** A renew token's certificate (reference 3.5), then the renewal itself. */
    private IssuedCertificate renewWithRenewToken(String bearer) {
        VerifiedToken token = tokens.authorizeRenew(bearer);
        return renewCertificate(token.chain().get(0));
    }

    private IssuedCertificate reissue(X509Certificate cert, PublicKey key) {
        String serialHex = Serials.toHex(cert.getSerialNumber());
        if (revocations.find(serialHex).isPresent()) {
            throw AuthorizationException.unauthorized("certificate " + cert.getSerialNumber()
                    + " is revoked and cannot be renewed");
        }
        ProvisionerRegistry registry = provisioners.get();
        Optional<Provisioner> p = RenewalRules.issuerOf(cert, registry);
        Instant now = clock.instant();
        RenewalRules.check(cert, p, registry.authorityClaims(), now);
        CertificateNames names = namesOf(cert);
        Duration span = Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());
        Instant nb = now.minus(backdate);
        Instant na = nb.plus(span);
        // The old span is authorised as is: min/max claims are not re-checked on renewal (9.3).
        IssuancePolicy agreed = IssuancePolicy.agreed(span, backdate)
                .withNames((commonName, requested) -> checkPolicies(registry, p, names));
        ProvisionerIdentity identity = p.map(StepAuthority::identity).orElse(new ProvisionerIdentity("", "", ""));
        return authority.issue(new IssueRequest(key, names.commonName(), sans(names), nb, na, agreed, identity,
                serialHex));
    }

    /**
     * The issuing provisioner's own policy, then the authority's (as step-ca): both are read from
     * the registry snapshot in force, so an admin API change applies to the next request.
     * On renewal the provisioner is the one that issued the old certificate, when it still exists.
     */
    private static void checkPolicies(ProvisionerRegistry registry, Optional<Provisioner> p, CertificateNames names) {
        if (p.isPresent()) {
            Optional<Provisioner> current = registry.byName(p.get().name());
            current.orElse(p.get()).policy().check(names);
        }
        registry.authorityPolicy().check(names);
    }

    private DurationLimits limits(Claims c) {
        return new DurationLimits(c.minTlsDuration(), c.maxTlsDuration(), c.defaultTlsDuration(), backdate);
    }

    static ProvisionerIdentity identity(Provisioner p) {
        return new ProvisionerIdentity(p.name(), p.configuredType(), p.credentialId());
    }

    private static SubjectAlternativeNames sans(CertificateNames n) {
        List<String> all = new ArrayList<>(n.dnsNames());
        all.addAll(n.ipAddresses());
        all.addAll(n.emailAddresses());
        all.addAll(n.uris());
        return SubjectAlternativeNames.classify(all);
    }

    static CertificateNames namesOf(X509Certificate cert) {
        SubjectAlternativeNames sans;
        try {
            sans = CertificateNameReader.sans(cert);
        } catch (dev.stile.authority.AuthorityException e) {
            throw AuthorizationException.badRequest("the certificate's subject alternative names are unreadable");
        }
        List<String> ips = new ArrayList<>();
        sans.ips().forEach(ip -> ips.add(ip.getHostAddress()));
        List<String> uris = new ArrayList<>();
        sans.uris().forEach(uri -> uris.add(uri.toString()));
        return new CertificateNames(CertificateNameReader.commonName(cert), sans.dnsNames(), ips, sans.emails(), uris);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
