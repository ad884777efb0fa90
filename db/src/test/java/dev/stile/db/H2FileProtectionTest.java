package dev.stile.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** H2 files: mode 0600 whatever the directory's mode, a password for new databases, and the upgrade of old ones. */
class H2FileProtectionTest {

    @TempDir
    Path dir;

    private String url(Path base) {
        return "jdbc:h2:file:" + base;
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static Connection raw(Path base, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + base + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "", password);
    }

    @Test
    void aNewDatabaseIsOwnerOnlyAndNeedsItsCredential() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path base = dir.resolve("stile");

        Database.open(Database.Kind.H2, url(base), null, null, 2).close();

        assertThat(mode(dir.resolve("stile.mv.db"))).isEqualTo("rw-------");
        assertThat(mode(dir.resolve("stile.credential"))).isEqualTo("rw-------");
        assertThatThrownBy(() -> raw(base, "").close()).isInstanceOf(SQLException.class)
                .hasMessageContaining("Wrong user name or password");
        Database.open(Database.Kind.H2, url(base), null, null, 2).close(); // and opens again
    }

    @Test
    void aDirectoryCreatedForTheDatabaseIsOwnerOnly() throws Exception {
        Path base = dir.resolve("db").resolve("stile");

        Database.open(Database.Kind.H2, url(base), null, null, 2).close();

        assertThat(mode(dir.resolve("db"))).isEqualTo("rwx------");
    }

    @Test
    void anOldDatabaseWithAnEmptyPasswordKeepsOpeningAndGetsACredential() throws Exception {
        Path base = dir.resolve("stile");
        // What earlier versions did: an explicit empty password, the schema migrated, data in it.
        try (Database old = Database.open(Database.Kind.H2, url(base), null, "", 2)) {
            old.withConnection(c -> c.createStatement().execute("CREATE TABLE kept (v INT); INSERT INTO kept VALUES (42)"));
        }
        Files.setPosixFilePermissions(dir.resolve("stile.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));

        try (Database db = Database.open(Database.Kind.H2, url(base), null, null, 2)) {
            Integer kept = db.withConnection(c -> {
                var rs = c.createStatement().executeQuery("SELECT v FROM kept");
                rs.next();
                return rs.getInt(1);
            });
            assertThat(kept).isEqualTo(42);
        }

        assertThat(mode(dir.resolve("stile.mv.db"))).isEqualTo("rw-------");
        assertThatThrownBy(() -> raw(base, "").close()).isInstanceOf(SQLException.class);
        String credential = Files.readString(dir.resolve("stile.credential")).trim();
        raw(base, credential).close();
    }

    @Test
    void aCrashBetweenWritingTheCredentialAndSettingItIsRepairedOnTheNextStart() throws Exception {
        Path base = dir.resolve("stile");
        raw(base, "").close();
        Files.writeString(dir.resolve("stile.credential"), "written-before-the-crash\n");

        Database.open(Database.Kind.H2, url(base), null, null, 2).close();

        raw(base, "written-before-the-crash").close();
    }
}
