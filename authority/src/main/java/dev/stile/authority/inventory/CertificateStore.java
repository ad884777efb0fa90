package dev.stile.authority.inventory;

import dev.stile.core.Page;
import dev.stile.core.PageRequest;

import java.util.Optional;

/**
 * The inventory of every certificate the CA signed. Implemented in the {@code db} module.
 */
public interface CertificateStore {

    /**
     * Stores a freshly signed certificate. Called before the certificate leaves the CA; a failure
     * here means the certificate must not be returned.
     */
    void save(CertificateRecord certificate);

    Optional<CertificateRecord> findBySerial(String serialHex);

    /** Certificates matching the query, newest first, one page at a time. */
    Page<CertificateRecord> list(CertificateQuery query, PageRequest page);
}
