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
 * Migration numbers are reserved per area, so a new V1_1 sorts before an already applied V4_1; a
 * database created before V1_1 existed must still take it when the new version opens it.
 */
class MigrationUpgradeTest {

    @TempDir
    Path older;

    @Test
    void anExistingDatabaseTakesALaterLowerNumberedMigration() throws Exception {
        Path migrations = Path.of(getClass().getResource("/db/migration").toURI());
        try (Stream<Path> files = Files.list(migrations)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (!f.getFileName().toString().startsWith("V1_1__")) {
                    Files.copy(f, older.resolve(f.getFileName()));
                }
            }
        }
        String url = "jdbc:h2:mem:upgrade;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;NON_KEYWORDS=VALUE";
        // The schema as the previous release left it: every migration but V1_1.
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
