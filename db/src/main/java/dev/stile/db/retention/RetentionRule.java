package dev.stile.db.retention;

import java.time.Duration;
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
                            Duration keep) {

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
}
