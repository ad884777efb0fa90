package dev.stile.db;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database the previous release created (every migration before V5) takes the new
 * migration when this version opens it. New migrations always get the next number: a number below
 * an applied one would be refused by Flyway on every existing database.
 */
class MigrationUpgradeTest {

    @TempDir
    Path older;

    @Test
    void anExistingDatabaseTakesTheNewMigration() throws Exception {
        Path migrations = Path.of(getClass().getResource("/db/migration").toURI());
        try (Stream<Path> files = Files.list(migrations)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                // V5 and every later migration are what the older release lacked (Flyway refuses
                // to apply an older version after newer ones).
                if (majorVersion(f.getFileName().toString()) < 5) {
                    Files.copy(f, older.resolve(f.getFileName()));
                }
            }
        }
        String url = "jdbc:h2:mem:upgrade;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;NON_KEYWORDS=VALUE";
        // The schema as the previous release left it: the migrations before V5.
        Flyway.configure().dataSource(url, "sa", "").locations("filesystem:" + older).load().migrate();
        try (Database db = Database.open(Database.Kind.H2, url, "sa", "", 2)) {
            boolean hasProfile = db.withConnection(c -> {
                try (ResultSet rs = c.getMetaData().getColumns(null, null, "certificates", "profile")) {
                    return rs.next();
                }
            });
            assertThat(hasProfile).isTrue();
            boolean hasRecovery = db.withConnection(c -> {
                try (ResultSet rs = c.getMetaData().getColumns(null, null, "acme_challenges", "lease_owner")) {
                    return rs.next();
                }
            });
            assertThat(hasRecovery).as("V6").isTrue();
        }
    }

    /** {@code V4_1__x.sql} -> 4. */
    private static int majorVersion(String file) {
        return Integer.parseInt(file.substring(1).split("[_.]")[0]);
    }
}
