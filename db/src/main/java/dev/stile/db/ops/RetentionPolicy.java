package dev.stile.db.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * The rules for every table Stile keeps. ACME (V2) and token (V3) tables are matched by
     * name and column; a rule whose table or columns do not exist is skipped by {@link Retention}.
     */
    public List<RetentionRule> rules() {
        List<RetentionRule> rules = new ArrayList<>();
        // RFC 8555 §7.1.3/7.1.4: an order or authorization past "expires" can never be used again;
        // invalid ones are final. Children first so that foreign keys never block a batch.
        rules.add(new RetentionRule("challenges", "challenges", "id",
                "authorization_id IN (SELECT id FROM authorizations WHERE expires < ?)",
                List.of("authorization_id"), orders));
        rules.add(new RetentionRule("authorizations", "authorizations", "id",
                "expires < ? AND NOT EXISTS (SELECT 1 FROM challenges c WHERE c.authorization_id = authorizations.id)",
                List.of("expires"), orders));
        rules.add(new RetentionRule("orders", "orders", "id", "expires < ?", List.of("expires"), orders));
        rules.add(new RetentionRule("nonces", "nonces", "nonce", "expires_at < ?", List.of("expires_at"), nonces));
        rules.add(new RetentionRule("tokens", "tokens", "id", "expires_at < ?", List.of("expires_at"), tokens));
        rules.add(new RetentionRule("certificates", "certificates", "serial", "not_after < ?",
                List.of("not_after"), certificates));
        // A name whose newest certificate record is gone has been abandoned for longer than the
        // certificate retention: stop reporting it as a renewal gap.
        rules.add(new RetentionRule("renewal_watch", "latest_certificates", "name", "not_after < ?",
                List.of("not_after"), certificates));
        rules.add(new RetentionRule("validation_failures", "validation_failures", "id", "failed_at < ?",
                List.of("failed_at"), validationFailures));
        return rules;
    }
}
