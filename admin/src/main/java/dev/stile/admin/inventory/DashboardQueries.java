package dev.stile.admin.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The numbers on the admin console's dashboard: certificates expiring in a window, issuance per
 * hour, validation failures grouped by cause, and the ACME order and account behind a certificate.
 */
public interface DashboardQueries {

    /** Validation failures of one cause: outcome and challenge type, with the newest problem. */
    record FailureGroup(String outcome, String challengeType, long count, Instant latest, String latestIdentifier,
                        String latestProblemJson) {
    }

    /** The ACME side of a certificate: account, order and ARI certID. */
    record AcmeOrigin(String accountId, String orderId, String ariCertId) {
    }

    /** Unrevoked certificates whose notAfter lies in (now, until]. */
    long countExpiring(Instant now, Instant until);

    /**
     * Certificates issued per hour over the last {@code hours} hours ending at {@code now}; index 0
     * is the oldest hour.
     */
    long[] issuedPerHour(Instant now, int hours);

    /** Failures since {@code since}, grouped by outcome class and challenge type, largest first. */
    List<FailureGroup> failuresByCause(Instant since);

    /** The ACME account and order that produced the certificate with this (hex) serial, if any. */
    Optional<AcmeOrigin> acmeOrigin(String serialHex);
}
