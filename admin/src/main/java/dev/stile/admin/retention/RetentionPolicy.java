package dev.stile.admin.retention;

import java.time.Duration;

/**
 * How long finished state is kept (ca.json block {@code retention}). Every duration counts from
 * the moment a row stopped being useful: an order's expiry, a certificate's notAfter.
 *
 * @param orders             invalid or expired orders, authorizations and challenges
 * @param nonces             expired nonces (used ones are deleted when redeemed)
 * @param tokens             one-time token ids after the token expired (replay protection)
 * @param certificates       certificate records after notAfter; a revoked certificate is on the
 *                           CRL only until it expires, so the same rule covers it
 * @param validationFailures rows of {@code GET /admin/validation-failures}
 * @param batchSize          rows per DELETE; small so that no transaction holds locks for long
 * @param interval           time between scheduled runs
 */
public record RetentionPolicy(Duration orders, Duration nonces, Duration tokens, Duration certificates,
                              Duration validationFailures, int batchSize, Duration interval) {

    public RetentionPolicy {
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("retention.batchSize must be between 1 and 100000, not " + batchSize);
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("retention.interval must be positive, not " + interval);
        }
    }

    public static RetentionPolicy defaults() {
        return new RetentionPolicy(Duration.ofDays(30), Duration.ofHours(1), Duration.ofHours(1),
                Duration.ofDays(90), Duration.ofDays(7), 1000, Duration.ofMinutes(10));
    }
}
