package dev.stile.db;

import dev.stile.testsupport.Requirements;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Fresh, fully migrated databases for repository tests, so that the same test runs on both
 * backends. Use with a parameterized test:
 *
 * <pre>{@code
 * @ParameterizedTest
 * @MethodSource("dev.stile.db.TestDatabases#backends")
 * void saves(Database.Kind kind) {
 *     try (TestDatabases.TestDatabase db = TestDatabases.open(kind)) { ... db.database() ... }
 * }
 * }</pre>
 *
 * <p>H2 gets a private in-memory database. PostgreSQL gets a new random schema in the database
 * named by {@code STILE_TEST_POSTGRES_URL} (skipped when unset, failing under {@code CI=true}),
 * with {@code synchronous_commit} off; closing drops the schema.
 */
public final class TestDatabases {

    private TestDatabases() {
    }

    /** Every backend, for {@code @MethodSource}. */
    public static Stream<Database.Kind> backends() {
        return Stream.of(Database.Kind.H2, Database.Kind.POSTGRESQL);
    }

    /** A fresh migrated database of the given kind; PostgreSQL skips (or fails in CI) when not configured. */
    public static TestDatabase open(Database.Kind kind) {
        String name = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        if (kind == Database.Kind.H2) {
            return new TestDatabase(Database.inMemory(name), () -> { });
        }
        String url = Requirements.postgresUrl();
        String schema = name.toLowerCase(Locale.ROOT);
        execute(url, "CREATE SCHEMA " + schema);
        // synchronous_commit=off: a commit does not wait for the WAL flush. Only crash durability
        // changes (nothing a test observes), and tests that commit thousands of times run
        // several times faster.
        String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema
                + "&options=-c%20synchronous_commit%3Doff";
        Database database = Database.open(Database.Kind.POSTGRESQL, schemaUrl, null, null, 4);
        return new TestDatabase(database, () -> execute(url, "DROP SCHEMA " + schema + " CASCADE"));
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL test setup failed (" + sql + "): " + e.getMessage(), e);
        }
    }

    /** A test database and its clean-up. */
    public static final class TestDatabase implements AutoCloseable {
        private final Database database;
        private final Runnable cleanup;

        TestDatabase(Database database, Runnable cleanup) {
            this.database = database;
            this.cleanup = cleanup;
        }

        public Database database() {
            return database;
        }

        @Override
        public void close() {
            database.close();
            cleanup.run();
        }
    }
}
