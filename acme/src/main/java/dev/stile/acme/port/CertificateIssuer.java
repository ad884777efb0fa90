package dev.stile.acme.port;

import dev.stile.acme.model.Identifier;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The CA role as the ACME server sees it. Implemented by the authority in ca-server. It signs,
 * stores the certificate in the CA inventory and returns the chain; it throws
 * {@link dev.stile.acme.problem.AcmeException} for a request it refuses (the problem reaches the
 * client), any other exception is an internal error.
 */
public interface CertificateIssuer {

    IssuedCertificate issue(IssueRequest request);

    /**
     * The certificate {@link #issue} returned reached its order: the order is valid and the client
     * can download it. Issuance audit lines belong here, not at {@link #issue}, because a
     * finalize can still fail (database lost) after the inventory stored the certificate.
     */
    default void delivered(IssueRequest request, IssuedCertificate certificate) {
    }

    /**
     * @param publicKey   the CSR's key (already checked)
     * @param commonName  the CSR's CN, or {@code null}
     * @param identifiers the order's identifiers: become the SANs
     * @param notBefore   requested notBefore or {@code null}
     * @param notAfter    requested notAfter or {@code null}
     * @param lifetime    the lifetime to use when notAfter is not requested (provisioner or profile default)
     * @param provisioner the ACME provisioner name
     * @param requester   the account URL
     * @param profile     the order's profile, if the provisioner still offers it; else {@code null}
     */
    record IssueRequest(PublicKey publicKey, String commonName, List<Identifier> identifiers, Instant notBefore,
                        Instant notAfter, Duration lifetime, String provisioner, String requester, String profile) {

        /** A request without a profile. */
        public IssueRequest(PublicKey publicKey, String commonName, List<Identifier> identifiers, Instant notBefore,
                            Instant notAfter, Duration lifetime, String provisioner, String requester) {
            this(publicKey, commonName, identifiers, notBefore, notAfter, lifetime, provisioner, requester, null);
        }

        public IssueRequest {
            Objects.requireNonNull(publicKey, "publicKey");
            identifiers = List.copyOf(identifiers);
        }
    }

    /**
     * @param leaf     the issued certificate
     * @param chainPem leaf plus intermediates (never the root), PEM
     */
    record IssuedCertificate(X509Certificate leaf, String chainPem) {
        public IssuedCertificate {
            Objects.requireNonNull(leaf, "leaf");
            Objects.requireNonNull(chainPem, "chainPem");
        }
    }
}
