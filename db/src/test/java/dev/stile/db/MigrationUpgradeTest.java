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
 * A database the previous release created (every migration but the newest, V5) takes the new
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
                if (!f.getFileName().toString().startsWith("V5__")) {
                    Files.copy(f, older.resolve(f.getFileName()));
                }
            }
        }
        String url = "jdbc:h2:mem:upgrade;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;NON_KEYWORDS=VALUE";
        // The schema as the previous release left it: every migration but V5.
        Flyway.configure().dataSource(url, "sa", "").locations("filesystem:" + older).load().migrate();
        try (Database db = Database.open(Database.Kind.H2, url, "sa", "", 2)) {
            boolean hasProfile = db.withConnection(c -> {
                try (ResultSet rs = c.getMetaData().getColumns(null, null, "certificates", "profile")) {
                    return rs.next();
                }
            });
            assertThat(hasProfile).isTrue();
        }
    }
}
