package dev.stile.authority.inventory;

import dev.stile.core.Page;
import dev.stile.core.PageRequest;

import java.time.Instant;
import java.util.Optional;

/**
 * Revocation state of certificates in the inventory, and the CRL number. Implemented in db on the
 * {@code certificates} table, so the step API, ACME and the CRL all see one truth.
 */
public interface Revocations {

    /** How a revocation request ended. */
    enum Outcome { REVOKED, ALREADY_REVOKED, UNKNOWN_CERTIFICATE }

    /**
     * One revoked certificate.
     *
     * @param serialHex  lower-case hex serial
     * @param revokedAt  when it was revoked
     * @param reasonCode RFC 5280 CRLReason code (0..10)
     * @param notAfter   the certificate's expiry (CRL entries are dropped some time after it)
     */
    record Revoked(String serialHex, Instant revokedAt, int reasonCode, Instant notAfter) {
    }

    /** Marks a certificate revoked, once: a second call reports {@link Outcome#ALREADY_REVOKED}. */
    Outcome revoke(String serialHex, int reasonCode, Instant at);

    /** The revocation of a certificate, or empty when it is not revoked (or unknown). */
    Optional<Revoked> find(String serialHex);

    /**
     * Revoked certificates that expire after {@code expiringAfter}, by serial, one page at a time.
     * The cursor is the last serial of the previous page.
     */
    Page<Revoked> listRevoked(Instant expiringAfter, PageRequest page);

    /** Reserves the next CRL number (1, 2, 3, ...), atomically across replicas. */
    long nextCrlNumber();
}
