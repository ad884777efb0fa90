package dev.stile.server.acme;

import dev.stile.acme.port.AcmeEvents;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.port.CertificateIssuer;
import dev.stile.acme.problem.AcmeException;
import dev.stile.acme.problem.AcmeProblem;
import dev.stile.provisioners.ProvisionerRegistry;
import dev.stile.authority.Authority;
import dev.stile.authority.AuthorityException;
import dev.stile.authority.IssuancePolicy;
import dev.stile.authority.IssueRequest;
import dev.stile.authority.IssuedCertificate;
import dev.stile.authority.ProvisionerIdentity;
import dev.stile.authority.SubjectAlternativeNames;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The ACME server's {@link CertificateIssuer} over the {@link Authority}: provisioner type ACME,
 * requester = the account URL, SANs = the order's identifiers, lifetime = the provisioner's (or the
 * profile's) default unless the order asked for notBefore/notAfter (already checked against the
 * provisioner's limits by the order service).
 */
public final class AuthorityCertificateIssuer implements CertificateIssuer {

    private final Authority authority;
    private final Duration backdate;
    private final AcmeEvents events;
    private final RegistryIdentifierPolicy policy;

    /**
     * @param clock    unused since the authority decides the validity window (kept for the wiring)
     * @param registry the provisioners in force: the ACME provisioner's and the authority's x509
     *                 policies are checked before signing, from the snapshot current at finalize
     */
    public AuthorityCertificateIssuer(Authority authority, Duration backdate, Clock clock, AcmeEvents events,
                                      Supplier<ProvisionerRegistry> registry) {
        this.policy = new RegistryIdentifierPolicy(registry);
        this.authority = authority;
        this.backdate = backdate;
        this.events = events;
    }

    @Override
    public IssuedCertificate issue(IssueRequest request) {
        IssuedCertificate issued;
        try {
            dev.stile.authority.IssuedCertificate cert = authority.issue(toAuthorityRequest(request));
            issued = new IssuedCertificate(cert.leaf(), cert.chainPem());
        } catch (AuthorityException e) {
            events.issuanceFailed(request.provisioner(), request.requester(), e.getMessage());
            if (e.category() == AuthorityException.Category.INTERNAL) {
                throw e;
            }
            throw new AcmeException(e.category() == AuthorityException.Category.FORBIDDEN
                    ? AcmeProblem.REJECTED_IDENTIFIER : AcmeProblem.BAD_CSR, e.getMessage());
        }
        events.issued(request.provisioner(), request.requester(), issued.leaf());
        return issued;
    }

    @Override
    public void delivered(IssueRequest request, IssuedCertificate certificate) {
        events.delivered(request.provisioner(), request.requester(), certificate.leaf());
    }

    dev.stile.authority.IssueRequest toAuthorityRequest(IssueRequest r) {
        List<String> dns = new ArrayList<>();
        List<InetAddress> ips = new ArrayList<>();
        for (Identifier id : r.identifiers()) {
            if (Identifier.IP.equals(id.type())) {
                InetAddress ip = SubjectAlternativeNames.parseIpLiteral(id.value());
                if (ip == null) {
                    throw new IllegalStateException("order identifier " + id.value() + " is not an IP literal");
                }
                ips.add(ip);
            } else {
                dns.add(id.value());
            }
        }
        SubjectAlternativeNames sans = new SubjectAlternativeNames(dns, ips, List.of(), List.of());
        return new dev.stile.authority.IssueRequest(r.publicKey(), r.commonName(), sans, r.notBefore(),
                r.notAfter(), policy(r), new ProvisionerIdentity(r.provisioner(), "ACME", ""), r.requester(),
                r.profile());
    }

    /**
     * The order's rules as the authority's policy: its window was checked against the
     * provisioner's limits when the order was placed, so it is agreed as is; the x509 name
     * policies are checked again (the policy may have changed since newOrder, and the CSR's
     * common name is only known now), by the authority before it signs. A refusal is forbidden,
     * which {@link #issue} answers as rejectedIdentifier.
     */
    private IssuancePolicy policy(IssueRequest r) {
        Duration lifetime = r.lifetime() == null ? Duration.ofHours(24) : r.lifetime();
        return IssuancePolicy.agreed(lifetime, backdate).withNames((commonName, sans) -> {
            String refusal = policy.refusal(r.provisioner(), r.commonName(), r.identifiers());
            if (refusal != null) {
                throw AuthorityException.forbidden(refusal);
            }
        });
    }
}
