package dev.stile.server.ops;

import dev.stile.db.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Fills an H2 database fast with {@code INSERT ... SELECT} over {@code SYSTEM_RANGE}: no rows pass
 * through Java, so a million take seconds. Half of the certificates expired long ago, 80 % of the
 * orders and authorizations too; the rest is live.
 *
 * <p>The secondary indexes of the seeded tables are dropped first and created again at the end
 * from H2's own {@code SCRIPT} of them, so the schema the server opens is exactly the migrated
 * one. Profiled: row-by-row index maintenance (several multi-column indexes with keys arriving in
 * random order) was most of the seeding time; H2 builds an index on a filled table by sorting,
 * which halves the seeding time and leaves compact index trees.
 */
final class DatabaseSeeder {

    static final int CERTIFICATES = 100_000;
    static final int ORDERS = 500_000;
    static final int EXPIRED_CERTIFICATES = CERTIFICATES / 2;
    static final int EXPIRED_ORDERS = ORDERS / 10 * 8;
    private static final int CHUNK = 50_000;
    /**
     * Zero-padded ids: rows arrive in key order and append to the primary-key B-trees instead of
     * landing all over them (o1, o10, o100 ...), which makes seeding several times faster and the
     * file several times smaller.
     */
    private static final String PAD = "LPAD(CAST(\"X\" AS VARCHAR), 7, '0')";

    private DatabaseSeeder() {
    }

    static void seed(Database db, Instant now) {
        OffsetDateTime longAgo = now.minusSeconds(200L * 86400).atOffset(ZoneOffset.UTC);
        OffsetDateTime monthsAgo = now.minusSeconds(60L * 86400).atOffset(ZoneOffset.UTC);
        OffsetDateTime soon = now.plusSeconds(20L * 3600).atOffset(ZoneOffset.UTC);
        OffsetDateTime issued = now.minusSeconds(4L * 3600).atOffset(ZoneOffset.UTC);
        db.withConnection(c -> {
            // Bulk load: let H2 reuse freed file space at once instead of keeping old chunks for
            // 45 s, which otherwise makes the file many times larger than the data. Restored below.
            run(c, "SET RETENTION_TIME 0");
            List<String> schema = schema(c);
            List<String> indexes = createIndexStatements(schema);
            if (indexes.isEmpty()) {
                throw new IllegalStateException("no CREATE INDEX found for " + SEEDED + " in H2's SCRIPT output");
            }
            for (String create : indexes) {
                run(c, "DROP INDEX " + indexName(create));
            }
            run(c, "INSERT INTO certificates (serial, subject, sans, not_before, not_after, provisioner, "
                    + "provisioner_type, requester, key_type, pem, issued_at) "
                    + "SELECT 'a' || " + PAD + ", 'CN=n' || " + PAD + " || '.example', 'dns:n' || " + PAD + " || '.example', ?, "
                    + "CASE WHEN MOD(\"X\", 2) = 0 THEN ? ELSE ? END, 'acme', 'ACME', 'acct', 'EC-P256', "
                    + "'-----BEGIN CERTIFICATE-----', ? FROM SYSTEM_RANGE(1, " + CERTIFICATES + ")",
                    longAgo, longAgo, soon, issued);
            run(c, "INSERT INTO certificate_names (serial, name) SELECT 'a' || " + PAD + ", 'n' || " + PAD + " || '.example' "
                    + "FROM SYSTEM_RANGE(1, " + CERTIFICATES + ")");
            run(c, "INSERT INTO latest_certificates (name, serial, not_after, issued_at) "
                    + "SELECT 'n' || " + PAD + " || '.example', 'a' || " + PAD + ", CASE WHEN MOD(\"X\", 2) = 0 THEN ? ELSE ? END, ? "
                    + "FROM SYSTEM_RANGE(1, " + CERTIFICATES + ")", longAgo, soon, issued);
            // In chunks: each statement is its own short transaction, as H2 keeps an undo log
            // per transaction and one 500,000-row statement is many times slower.
            for (int from = 1; from <= ORDERS; from += CHUNK) {
                int to = Math.min(ORDERS, from + CHUNK - 1);
                run(c, "INSERT INTO acme_orders (id, account_id, provisioner, status, identifiers, expires_at, created_at) "
                        + "SELECT 'o' || " + PAD + ", 'acct' || MOD(\"X\", 1000), 'acme', CASE WHEN MOD(\"X\", 10) < 8 THEN 'invalid' "
                        + "ELSE 'pending' END, '[{\"type\":\"dns\",\"value\":\"n' || MOD(\"X\", 1000) || '.example\"}]', "
                        + "CASE WHEN MOD(\"X\", 10) < 8 THEN ? ELSE ? END, ? FROM SYSTEM_RANGE(?, ?)",
                        monthsAgo, soon, issued, from, to);
                run(c, "INSERT INTO acme_authorizations (id, account_id, identifier_type, identifier_value, wildcard, "
                        + "status, expires_at, created_at) SELECT 'z' || " + PAD + ", 'acct' || MOD(\"X\", 1000), 'dns', "
                        + "'n' || MOD(\"X\", 1000) || '.example', FALSE, 'invalid', "
                        + "CASE WHEN MOD(\"X\", 10) < 8 THEN ? ELSE ? END, ? FROM SYSTEM_RANGE(?, ?)",
                        monthsAgo, soon, issued, from, to);
                // Links for the live orders only: the expired ones are what retention removes, and
                // their links would go with them (ON DELETE CASCADE).
                run(c, "INSERT INTO acme_order_authorizations (order_id, position, authz_id) "
                        + "SELECT 'o' || " + PAD + ", 0, 'z' || " + PAD + " FROM SYSTEM_RANGE(?, ?) WHERE MOD(\"X\", 10) >= 8",
                        from, to);
            }
            for (String create : indexes) {
                run(c, create);
            }
            List<String> after = schema(c);
            if (!after.equals(schema)) {
                List<String> changed = new ArrayList<>(after);
                changed.removeAll(schema);
                List<String> was = new ArrayList<>(schema);
                was.removeAll(after);
                throw new IllegalStateException("seeding changed the schema, the server would not see the migrated one: "
                        + was + " became " + changed);
            }
            run(c, "SET RETENTION_TIME 45000");
            return null;
        });
    }

    /**
     * The {@code CREATE INDEX} statements of the seeded tables as H2 scripts them. Constraint
     * indexes (primary keys, UNIQUE, foreign keys) stay: they are not {@code CREATE INDEX} lines.
     */
    private static List<String> createIndexStatements(List<String> schema) {
        List<String> out = new ArrayList<>();
        for (String sql : schema) {
            Matcher m = CREATE_INDEX.matcher(sql);
            if (m.find() && SEEDED.contains(m.group(2))) {
                out.add(sql);
            }
        }
        return out;
    }

    /** Every DDL statement of the database, sorted (H2's {@code SCRIPT NODATA}), without what data changes. */
    private static List<String> schema(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SCRIPT NODATA NOSETTINGS")) {
            while (rs.next()) {
                String sql = rs.getString(1);
                // Row-count comments, an identity column's next value and the planner's column
                // statistics (SELECTIVITY, which H2 also gathers on its own as rows change) follow
                // the data; the rest is schema.
                if (!sql.startsWith("-- ")) {
                    out.add(sql.replaceAll(" RESTART WITH \\d+", "").replaceAll(" SELECTIVITY \\d+", ""));
                }
            }
        }
        java.util.Collections.sort(out);
        return out;
    }

    private static String indexName(String create) {
        Matcher m = CREATE_INDEX.matcher(create);
        if (!m.find()) {
            throw new IllegalStateException(create);
        }
        return m.group(1);
    }

    /** {@code CREATE INDEX "public"."name" ON "public"."table"(...)}: group 1 the name, group 2 the table. */
    private static final Pattern CREATE_INDEX = Pattern.compile(
            "^CREATE INDEX (\\S+) ON (?:\"[^\"]+\"\\.)?\"([^\"]+)\"");
    private static final Set<String> SEEDED = Set.of("certificates", "certificate_names",
            "latest_certificates", "acme_orders", "acme_authorizations", "acme_order_authorizations");

    private static void run(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }
}
