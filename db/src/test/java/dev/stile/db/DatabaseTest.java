package dev.stile.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseTest {

    @TempDir
    Path tmp;

    @Test
    void h2FileDatabaseKeepsASmallPageCacheUnlessTheUrlSaysOtherwise() throws SQLException {
        String url = "jdbc:h2:file:" + tmp.resolve("stile").toAbsolutePath();
        try (Database db = Database.open(Database.Kind.H2, url, null, null, 2)) {
            assertThat(cacheMaxMib(db)).isEqualTo(Database.H2_CACHE_KIB / 1024);
        }
        try (Database db = Database.open(Database.Kind.H2, url + ";CACHE_SIZE=8192", null, null, 2)) {
            assertThat(cacheMaxMib(db)).isEqualTo(8);
        }
    }

    private static int cacheMaxMib(Database db) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT setting_value FROM information_schema.settings"
                     + " WHERE setting_name = 'info.CACHE_MAX_SIZE'")) {
            assertThat(rs.next()).isTrue();
            return Integer.parseInt(rs.getString(1));
        }
    }
}
