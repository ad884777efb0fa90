package dev.stile.db.retention;

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
     * The rules for every table that grows. A rule whose table or columns do not exist (an older
     * schema) is skipped by {@link Retention}.
     */
    public List<RetentionRule> rules() {
        List<RetentionRule> rules = new ArrayList<>();
        // RFC 8555 §7.1.3/7.1.6: past "expires" an order or authorization can never be used
        // again; invalid ones keep their expiry, so they stay "orders" long for debugging.
        // Orders first (their acme_order_authorizations rows cascade), then authorizations no
        // remaining order refers to (their challenges cascade).
        rules.add(new RetentionRule("orders", "acme_orders", "id", "expires_at < ?", List.of("expires_at"), orders));
        rules.add(new RetentionRule("authorizations", "acme_authorizations", "id",
                "expires_at < ? AND NOT EXISTS (SELECT 1 FROM acme_order_authorizations oa "
                        + "WHERE oa.authz_id = acme_authorizations.id)",
                List.of("expires_at"), orders));
        rules.add(new RetentionRule("nonces", "acme_nonces", "nonce", "expires_at < ?", List.of("expires_at"), nonces));
        rules.add(new RetentionRule("tokens", "used_tokens", "token_id", "expires_at < ?", List.of("expires_at"),
                tokens));
        // A revoked certificate is on the CRL until it expires; after expiry it leaves the CRL
        // (RFC 5280 §3.3), so "N after notAfter" covers revoked ones too.
        rules.add(new RetentionRule("acme_certificates", "acme_certificates", "id", "not_after < ?",
                List.of("not_after"), certificates));
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
