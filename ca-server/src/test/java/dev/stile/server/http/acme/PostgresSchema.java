package dev.stile.server.http.acme;

import dev.stile.testsupport.Requirements;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/** A private PostgreSQL schema for servers under test, dropped on close. */
final class PostgresSchema implements AutoCloseable {

    private final String url;
    private final String schema;

    private PostgresSchema(String url, String schema) {
        this.url = url;
        this.schema = schema;
    }

    /** Skips (fails under CI) when {@code STILE_TEST_POSTGRES_URL} is not set. */
    static PostgresSchema create() {
        String url = Requirements.postgresUrl();
        String schema = ("rl" + UUID.randomUUID().toString().replace("-", "").substring(0, 14)).toLowerCase(Locale.ROOT);
        execute(url, "CREATE SCHEMA " + schema);
        return new PostgresSchema(url, schema);
    }

    /** The ca.json {@code db} object of this schema. */
    String dbJson() {
        String jdbc = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return "{\"type\": \"postgresql\", \"dataSource\": \"" + jdbc + "\"}";
    }

    @Override
    public void close() {
        execute(url, "DROP SCHEMA " + schema + " CASCADE");
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL test setup failed (" + sql + "): " + e.getMessage(), e);
        }
    }
}
