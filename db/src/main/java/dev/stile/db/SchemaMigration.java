package dev.stile.db;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Brings a database to the schema of this build. Flyway migrates (and validates the applied
 * history against the shipped scripts) whenever the scripts' {@link MigrationFingerprint} differs
 * from the one recorded after the last successful migration; when they are equal, nothing Flyway
 * would check has changed and Flyway is not even loaded, which keeps ~400 classes out of the
 * server's metaspace.
 */
final class SchemaMigration {

    /** The {@code schema_info} row (created by V0_1) that holds the fingerprint. */
    static final String FINGERPRINT_ROW = "migrations_sha256";

    private SchemaMigration() {
    }

    /** Migrates {@code dataSource} unless the recorded fingerprint shows it is already current. */
    static void apply(DataSource dataSource) {
        Optional<String> shipped = MigrationFingerprint.of(SchemaMigration.class.getClassLoader());
        if (shipped.isPresent() && shipped.get().equals(recorded(dataSource))) {
            return;
        }
        String location = "classpath:" + MigrationFingerprint.LOCATION;
        if (!IsolatedFlyway.migrate(dataSource, location)) {
            FlywayRun.migrate(dataSource, location);
        }
        shipped.ifPresent(fingerprint -> record(dataSource, fingerprint));
    }

    /** The recorded fingerprint, or null before the first migration (no schema_info table yet). */
    static String recorded(DataSource dataSource) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT value FROM schema_info WHERE name = ?")) {
            select.setString(1, FINGERPRINT_ROW);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            return null;
        }
    }

    private static void record(DataSource dataSource, String fingerprint) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement update = c.prepareStatement("UPDATE schema_info SET value = ? WHERE name = ?")) {
                update.setString(1, fingerprint);
                update.setString(2, FINGERPRINT_ROW);
                if (update.executeUpdate() > 0) {
                    return;
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO schema_info (name, value) VALUES (?, ?)")) {
                insert.setString(1, FINGERPRINT_ROW);
                insert.setString(2, fingerprint);
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            // Only a shortcut for the next start is lost (e.g. another replica inserted the row at
            // the same moment): Flyway then simply runs again next time.
        }
    }

    /** Kept in its own class so that Flyway's classes load only when a migration is due. */
    private static final class FlywayRun {
        static void migrate(DataSource dataSource, String location) {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations(location)
                    .load()
                    .migrate();
        }
    }
}
