package dev.stile.db.retention;

import dev.stile.admin.retention.Retention;
import dev.stile.admin.retention.RetentionPolicy;
import dev.stile.db.Timestamps;
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
 * Deletes finished state in small batches (select up to n keys through an index, delete them by
 * key), one short transaction per batch, so a backlog of millions drains with constant memory and
 * without holding locks that would stall issuance.
 */
public final class JdbcRetention implements Retention {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcRetention.class);
    private static final int KEYS_PER_STATEMENT = 500;

    private final Database database;
    private final RetentionPolicy policy;
    private final Clock clock;
    private final List<RetentionRule> rules;
    private final BiConsumer<String, Integer> onBatch;

    /**
     * @param onBatch told after every batch: rule name and rows deleted (metrics)
     */
    public JdbcRetention(Database database, RetentionPolicy policy, Clock clock, BiConsumer<String, Integer> onBatch) {
        this.database = Objects.requireNonNull(database, "database");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onBatch = onBatch == null ? (rule, n) -> { } : onBatch;
        this.rules = applicable(database, RetentionRule.forPolicy(policy));
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
        }
        // One line per run, and only when something was deleted: a CA that renews every hour
        // would otherwise log a line per rule on every run.
        StringBuilder summary = new StringBuilder();
        deleted.forEach((rule, n) -> {
            if (n > 0) {
                summary.append(summary.length() == 0 ? "" : ", ").append(n).append(' ').append(rule);
            }
        });
        if (summary.length() > 0) {
            LOG.info("retention: deleted {}", summary);
        }
        return deleted;
    }

    /**
     * Deletes at most one batch of rows of the rule; returns how many. Two steps in one short
     * transaction: pick the keys through the rule's index ({@code SELECT key ... LIMIT n}), then
     * delete them by primary key. H2 plans {@code DELETE ... WHERE key IN (SELECT ... LIMIT n)} as
     * a scan of the whole table per batch, so the one-statement form is not used.
     */
    public int deleteBatch(RetentionRule rule, Instant cutoff) {
        String select = "SELECT " + rule.key() + " FROM " + rule.table() + " WHERE " + rule.condition()
                + " LIMIT " + policy.batchSize();
        return database.inTransaction(conn -> {
            List<Object> keys = new ArrayList<>();
            try (PreparedStatement ps = conn.prepareStatement(select)) {
                ps.setObject(1, Timestamps.toDb(cutoff));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        keys.add(rs.getObject(1));
                    }
                }
            }
            return deleteKeys(conn, rule, keys);
        });
    }

    /** Deletes by primary key, {@value #KEYS_PER_STATEMENT} keys per statement. */
    private static int deleteKeys(Connection conn, RetentionRule rule, List<Object> keys) throws SQLException {
        int deleted = 0;
        for (int from = 0; from < keys.size(); from += KEYS_PER_STATEMENT) {
            List<Object> chunk = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_STATEMENT));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement ps = conn.prepareStatement("DELETE FROM " + rule.table() + " WHERE " + rule.key()
                    + " IN (" + marks + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setObject(i + 1, chunk.get(i));
                }
                deleted += ps.executeUpdate();
            }
        }
        return deleted;
    }
}
