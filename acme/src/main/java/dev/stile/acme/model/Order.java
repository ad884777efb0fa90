package dev.stile.acme.model;

import dev.stile.acme.problem.ProblemDocument;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An order (RFC 8555 §7.1.3). The stored {@code status} is pending, processing, valid or invalid;
 * {@code ready} and the effect of expired or failed authorizations are derived at read time by
 * {@link OrderStatus#derive}.
 *
 * @param id               opaque random id
 * @param accountId        the owning account
 * @param provisioner      the ACME provisioner name
 * @param status           stored status
 * @param identifiers      the requested identifiers, normalised, wildcards with {@code *.}
 * @param notBefore        requested notBefore, or {@code null}
 * @param notAfter         requested notAfter, or {@code null}
 * @param expires          when the order expires if not finalized
 * @param authorizationIds one per identifier, in identifier order
 * @param error            why the order is invalid, or {@code null}
 * @param certificateId    the issued certificate, once valid
 * @param profile          the requested profile (ACME profiles draft), or {@code null}
 * @param replaces         the ARI certID this order replaces (RFC 9773 §5), or {@code null}
 * @param createdAt        when it was created
 */
public record Order(
        String id, String accountId, String provisioner, Status status, List<Identifier> identifiers,
        Instant notBefore, Instant notAfter, Instant expires, List<String> authorizationIds,
        ProblemDocument error, String certificateId, String profile, String replaces, Instant createdAt) {

    public Order {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(expires, "expires");
        identifiers = List.copyOf(identifiers);
        authorizationIds = List.copyOf(authorizationIds);
    }

    /** The order as a finalize that stored certificate {@code certificateId} leaves it: valid. */
    public Order completedWith(String newCertificateId) {
        return new Order(id, accountId, provisioner, Status.VALID, identifiers, notBefore, notAfter, expires,
                authorizationIds, null, newCertificateId, profile, replaces, createdAt);
    }

    public Order withStatus(Status newStatus) {
        return new Order(id, accountId, provisioner, newStatus, identifiers, notBefore, notAfter, expires,
                authorizationIds, error, certificateId, profile, replaces, createdAt);
    }
}
