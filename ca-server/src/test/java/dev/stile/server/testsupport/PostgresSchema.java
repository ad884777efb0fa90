package dev.stile.server.testsupport;

import dev.stile.testsupport.Requirements;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A schema of its own in the shared test PostgreSQL ({@code STILE_TEST_POSTGRES_URL}) for one
 * test, dropped at the end. The server's {@code db} object can point at it directly or through
 * a {@link TcpProxy}. The shared server itself is never stopped: other tests use it.
 */
public final class PostgresSchema implements AutoCloseable {

    private static final Pattern HOST_PORT = Pattern.compile("^jdbc:postgresql://([^/]+)/(.*)$");

    private final String url;
    private final String schema;

    /** Skips (fails under CI) when {@code STILE_TEST_POSTGRES_URL} is not set. */
    public PostgresSchema() {
        this.url = Requirements.postgresUrl();
        this.schema = "r" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        execute("CREATE SCHEMA " + schema);
    }

    /** Skips (fails under CI) when {@code STILE_TEST_POSTGRES_URL} is not set. */
    public static PostgresSchema create() {
        return new PostgresSchema();
    }

    /** The JDBC URL of this schema (what {@code --db-url} or a ca.json {@code dataSource} takes). */
    public String jdbcUrl() {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Host and port of the PostgreSQL server, e.g. {@code 127.0.0.1:5432}. */
    public String hostPort() {
        Matcher m = HOST_PORT.matcher(url);
        if (!m.matches()) {
            throw new IllegalStateException("unexpected STILE_TEST_POSTGRES_URL " + url);
        }
        String hp = m.group(1);
        return hp.contains(":") ? hp : hp + ":5432";
    }

    /** The ca.json {@code db} object for this schema, reached at {@code hostPort}. */
    public String db(String hostPort) {
        Matcher m = HOST_PORT.matcher(url);
        m.matches();
        String rest = m.group(2);
        String jdbc = "jdbc:postgresql://" + hostPort + "/" + rest + (rest.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return "{\"type\": \"postgresql\", \"dataSource\": \"" + jdbc + "\"}";
    }

    /** The {@code db} object reaching the server directly. */
    public String db() {
        return db(hostPort());
    }

    /** The same as {@link #db()}. */
    public String dbJson() {
        return db();
    }

    public long count(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public Set<String> strings(String sql) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url);
        try (Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + schema);
        }
        return c;
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL test setup failed (" + sql + "): " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        execute("DROP SCHEMA " + schema + " CASCADE");
    }
}
