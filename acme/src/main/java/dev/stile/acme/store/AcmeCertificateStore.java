package dev.stile.acme.store;

import java.util.Optional;

/** Certificates issued through ACME (the CA's own inventory is {@code dev.stile.authority.inventory.CertificateStore}). */
public interface AcmeCertificateStore {

    void save(AcmeCertificate certificate);

    Optional<AcmeCertificate> find(String id);

    Optional<AcmeCertificate> findBySerial(String serialHex);

    Optional<AcmeCertificate> findByAriCertId(String ariCertId);

    /** Retention: deletes up to {@code limit} certificates whose notAfter is before {@code before}. */
    int purgeExpired(java.time.Instant before, int limit);

    /** Marks a certificate replaced by a new order (RFC 9773 §5); false when it already was. */
    boolean markReplaced(String id);
}
