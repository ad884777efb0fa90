package dev.stile.acme.port;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;

/**
 * Revocation through the CA (the same inventory step-ca's {@code /revoke} uses). Implementations
 * must check that {@code certificate} is byte-for-byte one the CA issued: the ACME layer has only
 * checked who may revoke it.
 */
public interface RevocationPort {

    /** How a revocation request ended. */
    enum Result { REVOKED, ALREADY_REVOKED, UNKNOWN_CERTIFICATE }

    Result revoke(X509Certificate certificate, int reasonCode, String requester);

    /** When the certificate with this serial (lower-case hex) was revoked, or empty if it is not. */
    Optional<Instant> revokedAt(String serialHex);
}
