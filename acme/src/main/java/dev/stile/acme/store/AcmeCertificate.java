package dev.stile.acme.store;

import dev.stile.acme.model.Identifier;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A certificate issued through ACME, as the ACME server needs it: for download, revocation
 * authority and ARI.
 *
 * @param id          opaque id, the last segment of the certificate URL
 * @param accountId   the account whose order produced it
 * @param provisioner the ACME provisioner
 * @param serialHex   serial as lower-case hex without leading zeros
 * @param identifiers the identifiers of the order
 * @param chainPem    leaf plus intermediates, PEM
 * @param notBefore   validity start
 * @param notAfter    validity end
 * @param ariCertId   the RFC 9773 certID (base64url AKI "." base64url serial)
 * @param replaced    true once a newer order named it in {@code replaces}
 */
public record AcmeCertificate(
        String id, String accountId, String provisioner, String serialHex, List<Identifier> identifiers,
        String chainPem, Instant notBefore, Instant notAfter, String ariCertId, boolean replaced) {

    public AcmeCertificate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(serialHex, "serialHex");
        Objects.requireNonNull(chainPem, "chainPem");
        identifiers = List.copyOf(identifiers);
    }
}
