package dev.stile.db.ops;

import dev.stile.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Deletes finished state in small batches: {@code DELETE ... WHERE key IN (SELECT key ... LIMIT n)},
 * one short transaction per batch, so a backlog of millions drains with constant memory and
 * without holding locks that would stall issuance.
 */
public final class Retention {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final Database database;
    private final RetentionPolicy policy;
    private final Clock clock;
    private final List<RetentionRule> rules;
    private final BiConsumer<String, Integer> onBatch;

    /**
     * @param onBatch told after every batch: rule name and rows deleted (metrics)
     */
    public Retention(Database database, RetentionPolicy policy, Clock clock, BiConsumer<String, Integer> onBatch) {
        this.database = Objects.requireNonNull(database, "database");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onBatch = onBatch == null ? (rule, n) -> { } : onBatch;
        this.rules = applicable(database, policy.rules());
    }

    /** The rules whose table and columns exist in this database; the others are logged once. */
    private static List<RetentionRule> applicable(Database database, List<RetentionRule> rules) {
        return database.withConnection(conn -> {
            List<RetentionRule> out = new ArrayList<>();
            for (RetentionRule rule : rules) {
                List<String> missing = missingColumns(conn.getMetaData(), rule);
                if (missing.isEmpty()) {
                    out.add(rule);
                } else {
                    LOG.info("retention: rule {} is off: table {} lacks {}", rule.name(), rule.table(), missing);
                }
            }
            return out;
        });
    }

    private static List<String> missingColumns(DatabaseMetaData meta, RetentionRule rule) throws SQLException {
        List<String> wanted = new ArrayList<>(rule.columns());
        wanted.add(rule.key());
        List<String> missing = new ArrayList<>();
        for (String column : wanted) {
            if (!hasColumn(meta, rule.table(), column)) {
                missing.add(column);
            }
        }
        return missing;
    }

    private static boolean hasColumn(DatabaseMetaData meta, String table, String column) throws SQLException {
        for (String t : new String[] {table, table.toUpperCase(Locale.ROOT)}) {
            for (String c : new String[] {column, column.toUpperCase(Locale.ROOT)}) {
                try (ResultSet rs = meta.getColumns(null, null, t, c)) {
                    if (rs.next()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The rules this database can apply, in the order they run. */
    public List<RetentionRule> rules() {
        return rules;
    }

    public RetentionPolicy policy() {
        return policy;
    }

    /**
     * Runs every rule until nothing is left to delete (or the thread is interrupted).
     *
     * @return rows deleted per rule name, in rule order
     */
    public Map<String, Long> runOnce() {
        Instant now = clock.instant();
        Map<String, Long> deleted = new LinkedHashMap<>();
        for (RetentionRule rule : rules) {
            long total = 0;
            int n;
            do {
                n = deleteBatch(rule, now.minus(rule.keep()));
                total += n;
                if (n > 0) {
                    onBatch.accept(rule.name(), n);
                }
            } while (n == policy.batchSize() && !Thread.currentThread().isInterrupted());
            deleted.put(rule.name(), total);
            if (total > 0) {
                LOG.info("retention: deleted {} {} older than {}", total, rule.name(), rule.keep());
            }
        }
        return deleted;
    }

    /** Deletes at most one batch of rows of the rule; returns how many. */
    public int deleteBatch(RetentionRule rule, Instant cutoff) {
        String sql = "DELETE FROM " + rule.table() + " WHERE " + rule.key() + " IN (SELECT " + rule.key()
                + " FROM " + rule.table() + " WHERE " + rule.condition() + " LIMIT " + policy.batchSize() + ")";
        return database.inTransaction(conn -> delete(conn, sql, cutoff));
    }

    private static int delete(Connection conn, String sql, Instant cutoff) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setObject(1, Timestamps.toDb(cutoff));
            return ps.executeUpdate();
        }
    }
}
