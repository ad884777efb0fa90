package dev.stile.db;

import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaMigrationTest {

    @TempDir
    Path tmp;

    @Test
    void recordsTheShippedFingerprintAfterMigrating() {
        try (Database db = Database.inMemory(uniqueName())) {
            Optional<String> shipped = MigrationFingerprint.of(getClass().getClassLoader());
            assertThat(shipped).isPresent();
            assertThat(SchemaMigration.recorded(db.dataSource())).isEqualTo(shipped.get());
        }
    }

    @Test
    void skipsFlywayWhileTheFingerprintMatchesAndRunsItWhenItDiffers() throws SQLException {
        String url = "jdbc:h2:mem:" + uniqueName() + ";DB_CLOSE_DELAY=-1";
        try (Database first = Database.open(Database.Kind.H2, url, "sa", "", 2)) {
            // Without its history table Flyway refuses a non-empty schema, so a second open only
            // succeeds if Flyway is not run.
            execute(first, "DROP TABLE \"flyway_schema_history\"");
        }
        try (Database second = Database.open(Database.Kind.H2, url, "sa", "", 2)) {
            execute(second, "UPDATE schema_info SET value = 'stale' WHERE name = '" + SchemaMigration.FINGERPRINT_ROW + "'");
        }
        assertThatThrownBy(() -> Database.open(Database.Kind.H2, url, "sa", "", 2))
                .isInstanceOf(FlywayException.class);
    }

    @Test
    void fingerprintCoversNamesAndContentsAndIsTheSameFromADirectoryOrAJar() throws IOException {
        Path dir = tmp.resolve("classes");
        Path scripts = Files.createDirectories(dir.resolve("db/migration"));
        Files.writeString(scripts.resolve("V1__a.sql"), "CREATE TABLE a (id INT);");
        Files.writeString(scripts.resolve("V2__b.sql"), "CREATE TABLE b (id INT);");
        String fromDir = fingerprint(dir);

        Path jar = tmp.resolve("scripts.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("db/"));
            out.putNextEntry(new JarEntry("db/migration/"));
            put(out, "db/migration/V2__b.sql", "CREATE TABLE b (id INT);");
            put(out, "db/migration/V1__a.sql", "CREATE TABLE a (id INT);");
        }
        assertThat(fingerprint(jar)).isEqualTo(fromDir);

        Files.writeString(scripts.resolve("V2__b.sql"), "CREATE TABLE b (id BIGINT);");
        String edited = fingerprint(dir);
        assertThat(edited).isNotEqualTo(fromDir);
        Files.writeString(scripts.resolve("V3__c.sql"), "");
        assertThat(fingerprint(dir)).isNotEqualTo(edited);
        Files.move(scripts.resolve("V3__c.sql"), scripts.resolve("V3__d.sql"));
        assertThat(fingerprint(dir)).isNotEqualTo(edited);
    }

    @Test
    void noFingerprintWithoutMigrations() throws IOException {
        assertThat(fingerprintOrEmpty(Files.createDirectories(tmp.resolve("empty")))).isEmpty();
    }

    private static String fingerprint(Path root) throws IOException {
        return fingerprintOrEmpty(root).orElseThrow();
    }

    private static Optional<String> fingerprintOrEmpty(Path root) throws IOException {
        // No parent: only the given root is visible (the Flyway version resource is then absent too).
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            return MigrationFingerprint.of(loader);
        }
    }

    private static void put(JarOutputStream out, String name, String content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        OutputStream entry = out;
        entry.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    private static void execute(Database db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String uniqueName() {
        return "m" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
