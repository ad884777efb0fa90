package dev.stile.server.cli;

import dev.stile.db.Database;
import dev.stile.server.App;
import dev.stile.core.Environment;
import dev.stile.server.config.ConfigLoader;
import dev.stile.server.testsupport.TestCa;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code stile db stats|gc}: counts, retention on demand, one-line errors with exit code 2. */
class DbCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = StileCommand.commandLine(new Environment(dir.resolve("home")));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void statsCountsRowsAndGcDeletesWhatRetentionAllows() throws Exception {
        TestCa ca = TestCa.create(dir);
        try (Database db = App.openDatabase(ConfigLoader.load(ca.config()).db())) {
            db.withConnection(c -> {
                for (int i = 0; i < 3; i++) {
                    try (var ps = c.prepareStatement("INSERT INTO acme_nonces (nonce, expires_at) VALUES (?, ?)")) {
                        ps.setString(1, "n" + i);
                        ps.setObject(2, OffsetDateTime.now().minusDays(i == 0 ? 0 : 2).plusMinutes(5));
                        ps.executeUpdate();
                    }
                }
                return null;
            });
        }
        assertThat(run("db", "stats", ca.config().toString())).isEqualTo(0);
        assertThat(out.toString()).containsPattern("acme_nonces +3\\n").containsPattern("certificates +0\\n");

        assertThat(run("db", "gc", ca.config().toString())).as(err.toString()).isEqualTo(0);
        assertThat(out.toString()).containsPattern("nonces +2 deleted");
        out.getBuffer().setLength(0);
        assertThat(run("db", "stats", ca.config().toString())).isEqualTo(0);
        assertThat(out.toString()).containsPattern("acme_nonces +1\\n");
    }

    @Test
    void errorsAreOneLineWithExitCodeTwo() throws Exception {
        assertThat(run("db", "stats", dir.resolve("missing.json").toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("stile: ").contains("missing.json").doesNotContain("\tat ");
        assertThat(err.toString().strip().lines()).hasSize(1);

        err.getBuffer().setLength(0);
        TestCa ca = TestCa.create(dir.resolve("ca"));
        Files.writeString(ca.config(), Files.readString(ca.config()).replace("\"address\": \"127.0.0.1:0\",",
                "\"address\": \"127.0.0.1:0\", \"retention\": {\"orders\": \"soon\"},"));
        assertThat(run("db", "gc", ca.config().toString())).isEqualTo(2);
        assertThat(err.toString()).contains("retention.orders").contains("soon");

        err.getBuffer().setLength(0);
        assertThat(run("db", "vacuum")).isEqualTo(2);
        assertThat(run("db")).isEqualTo(2);
        assertThat(err.toString()).contains("stats or gc");
    }
}
