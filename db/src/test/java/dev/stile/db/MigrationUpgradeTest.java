package dev.stile.db;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database the previous release created (every migration but the newest) takes the newest
 * migration when this version opens it. New migrations always get a number above every other
 * one: a number below an applied one would be refused by Flyway on every existing database. (The
 * newest is found by version, so the test needs no edit when a migration is added.)
 */
class MigrationUpgradeTest {

    @TempDir
    Path older;

    @Test
    void anExistingDatabaseTakesTheNewestMigration() throws Exception {
        Path migrations = Path.of(getClass().getResource("/db/migration").toURI());
        List<Path> files;
        try (Stream<Path> all = Files.list(migrations)) {
            files = all.filter(f -> f.getFileName().toString().matches("V[0-9_]+__.*\\.sql"))
                    .sorted(Comparator.comparing(MigrationUpgradeTest::version, MigrationUpgradeTest::compare))
                    .toList();
        }
        Path newest = files.get(files.size() - 1);
        for (Path f : files.subList(0, files.size() - 1)) {
            Files.copy(f, older.resolve(f.getFileName()));
        }
        String url = "jdbc:h2:mem:upgrade;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;NON_KEYWORDS=VALUE";
        // The schema as the previous release left it: every migration but the newest.
        Flyway.configure().dataSource(url, "sa", "").locations("filesystem:" + older).load().migrate();
        try (Database db = Database.open(Database.Kind.H2, url, "sa", "", 2)) {
            String newestVersion = String.join(".", Arrays.stream(version(newest)).mapToObj(Integer::toString)
                    .toList());
            boolean applied = db.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT success FROM flyway_schema_history WHERE version = ?")) {
                    ps.setString(1, newestVersion);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() && rs.getBoolean(1);
                    }
                }
            });
            assertThat(applied).as("%s applied on the existing database", newest.getFileName()).isTrue();
        }
    }

    /** {@code V4_1__x.sql} -> {4, 1}. */
    private static int[] version(Path file) {
        String name = file.getFileName().toString();
        return Arrays.stream(name.substring(1, name.indexOf("__")).split("_")).mapToInt(Integer::parseInt).toArray();
    }

    private static int compare(int[] a, int[] b) {
        return Arrays.compare(a, b);
    }
}
