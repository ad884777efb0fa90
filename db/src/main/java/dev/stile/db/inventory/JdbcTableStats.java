package dev.stile.db.inventory;

import dev.stile.admin.inventory.TableStats;
import dev.stile.db.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Row counts per table for {@code stile db stats}, by cheap means: H2 answers {@code COUNT(*)}
 * from its table metadata; on PostgreSQL the planner's estimate ({@code pg_class.reltuples}) is
 * read instead of scanning millions of rows.
 */
public final class JdbcTableStats implements TableStats {

    private final Database database;

    public JdbcTableStats(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /**
     * @return table name to row count (an estimate on PostgreSQL, -1 when never analysed), for
     *         every base table in the schema, sorted by name
     */
    public Map<String, Long> rowCounts() {
        return database.withConnection(conn -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String table : tables(conn)) {
                counts.put(table, database.kind() == Database.Kind.POSTGRESQL ? estimate(conn, table) : count(conn, table));
            }
            return counts;
        });
    }

    private static List<String> tables(Connection conn) throws SQLException {
        List<String> names = new java.util.ArrayList<>();
        try (ResultSet rs = conn.getMetaData().getTables(null, null, "%", new String[] {"TABLE", "BASE TABLE"})) {
            while (rs.next()) {
                String schema = rs.getString("TABLE_SCHEM");
                if (schema != null && schema.toLowerCase(Locale.ROOT).equals("public")) {
                    names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        java.util.Collections.sort(names);
        return names;
    }

    private static long count(Connection conn, String table) throws SQLException {
        // Table names come from the database's own metadata, never from user input.
        try (PreparedStatement ps = conn.prepareStatement("SELECT COUNT(*) FROM \"" + table.replace("\"", "") + "\"");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long estimate(Connection conn, String table) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT reltuples::bigint FROM pg_class WHERE relname = ? AND relkind = 'r'")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }
}
