package dev.stile.acme.port;

import java.time.Instant;
import java.util.Optional;

/** Revocation through the CA (the same inventory step-ca's {@code /revoke} uses). */
public interface RevocationPort {

    /**
     * Revokes a certificate.
     *
     * @return false when it was already revoked
     */
    boolean revoke(String serialHex, int reasonCode, String requester);

    /** When the certificate was revoked, or empty if it is not. */
    Optional<Instant> revokedAt(String serialHex);
}
