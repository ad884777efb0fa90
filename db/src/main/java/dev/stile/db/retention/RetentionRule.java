package dev.stile.db.retention;

import dev.stile.admin.retention.RetainedRows;
import dev.stile.admin.retention.RetentionPolicy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One kind of row that may be deleted: rows of {@code table} matching {@code condition}, where the
 * condition's single {@code ?} is bound to "now minus {@code keep}".
 *
 * @param name      what operators see in logs and metrics ({@code orders}, {@code certificates})
 * @param table     the table rows are deleted from
 * @param key       its primary key column (batches are chosen by key)
 * @param condition SQL predicate with exactly one {@code ?} placeholder for the cutoff instant
 * @param columns   columns the condition reads; the rule is skipped when the table lacks one
 * @param keep      how long after the condition's timestamp a row is kept
 */
public record RetentionRule(String name, String table, String key, String condition, java.util.List<String> columns,
                            Duration keep) implements RetainedRows {

    public RetentionRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(condition, "condition");
        columns = java.util.List.copyOf(columns);
        Objects.requireNonNull(keep, "keep");
        if (keep.isNegative()) {
            throw new IllegalArgumentException("retention " + name + " must not be negative: " + keep);
        }
    }

    /**
     * The rules for every table that grows. A rule whose table or columns do not exist (an older
     * schema) is skipped by {@link JdbcRetention}.
     */
    static List<RetentionRule> forPolicy(RetentionPolicy policy) {
        List<RetentionRule> rules = new ArrayList<>();
        // RFC 8555 §7.1.3/7.1.6: past "expires" an order or authorization can never be used
        // again; invalid ones keep their expiry, so they stay "orders" long for debugging.
        // Orders first (their acme_order_authorizations rows cascade), then authorizations no
        // remaining order refers to (their challenges cascade).
        rules.add(new RetentionRule("orders", "acme_orders", "id", "expires_at < ?", List.of("expires_at"), policy.orders()));
        rules.add(new RetentionRule("authorizations", "acme_authorizations", "id",
                "expires_at < ? AND NOT EXISTS (SELECT 1 FROM acme_order_authorizations oa "
                        + "WHERE oa.authz_id = acme_authorizations.id)",
                List.of("expires_at"), policy.orders()));
        rules.add(new RetentionRule("nonces", "acme_nonces", "nonce", "expires_at < ?", List.of("expires_at"), policy.nonces()));
        rules.add(new RetentionRule("tokens", "used_tokens", "token_id", "expires_at < ?", List.of("expires_at"),
                policy.tokens()));
        // A revoked certificate is on the CRL until it expires; after expiry it leaves the CRL
        // (RFC 5280 §3.3), so "N after notAfter" covers revoked ones too.
        rules.add(new RetentionRule("acme_certificates", "acme_certificates", "id", "not_after < ?",
                List.of("not_after"), policy.certificates()));
        rules.add(new RetentionRule("certificates", "certificates", "serial", "not_after < ?",
                List.of("not_after"), policy.certificates()));
        // A name whose newest certificate record is gone has been abandoned for longer than the
        // certificate retention: stop reporting it as a renewal gap.
        rules.add(new RetentionRule("renewal_watch", "latest_certificates", "name", "not_after < ?",
                List.of("not_after"), policy.certificates()));
        rules.add(new RetentionRule("validation_failures", "validation_failures", "id", "failed_at < ?",
                List.of("failed_at"), policy.validationFailures()));
        return rules;
    }
}
