package dev.stile.server.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stile.server.App;
import dev.stile.server.cli.InitCommand;
import dev.stile.server.config.ConfigLoader;
import dev.stile.server.testsupport.TestCa;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code stile init --remote-management}, then {@code serve}: the super-admin init created can use
 * the admin API at once, and serve's own bootstrap does not add a second one.
 */
class InitRemoteManagementIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROVISIONER = "admin@home.arpa";

    @TempDir
    Path tmp;

    private Path init(String... extra) throws Exception {
        Path password = Files.writeString(tmp.resolve("password"), TestCa.PASSWORD + "\n");
        Path dir = tmp.resolve("ca");
        List<String> args = new ArrayList<>(List.of("--dir", dir.toString(), "--name", "Init Admin",
                "--dns", "localhost,127.0.0.1", "--address", "127.0.0.1:9000", "--provisioner", PROVISIONER,
                "--password-file", password.toString()));
        args.addAll(List.of(extra));
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new InitCommand());
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute(args.toArray(new String[0]))).as(err.toString()).isZero();
        // Any free port for the test server.
        Path caJson = dir.resolve("config/ca.json");
        ObjectNode config = (ObjectNode) JSON.readTree(caJson.toFile());
        config.put("address", "127.0.0.1:0");
        Files.writeString(caJson, JSON.writeValueAsString(config));
        return dir;
    }

    private static App start(Path dir) {
        return App.start(ConfigLoader.load(dir.resolve("config/ca.json")),
                new App.Options(TestCa.PASSWORD.toCharArray(), Clock.systemUTC(), Duration.ofSeconds(5), List.of()));
    }

    @Test
    void theSuperAdminStepFromInitCallsTheAdminApi() throws Exception {
        Path dir = init("--remote-management");
        App app = start(dir);
        try {
            HttpClient https = TestCa.clientTrusting(dir.resolve("certs/root_ca.crt"));
            AdminClient step = AdminClient.issue(app, https, Clock.systemUTC(), "step", PROVISIONER);
            HttpResponse<String> admins = step.send("GET", "/admin/admins", null);
            assertThat(admins.statusCode()).as(admins.body()).isEqualTo(200);
            JsonNode list = JSON.readTree(admins.body()).get("admins");
            assertThat(list).hasSize(1);
            assertThat(list.get(0).get("subject").asText()).isEqualTo("step");
            assertThat(list.get(0).get("type").asInt()).isEqualTo(2);
            assertThat(step.send("GET", "/admin/certificates", null).statusCode()).isEqualTo(200);
        } finally {
            app.stop();
        }
    }

    @Test
    void serveAddsNoSecondSuperAdminWhenInitMadeOne() throws Exception {
        Path dir = init("--admin", "--admin-subject", "ops@home.arpa");
        App app = start(dir);
        try {
            HttpClient https = TestCa.clientTrusting(dir.resolve("certs/root_ca.crt"));
            AdminClient ops = AdminClient.issue(app, https, Clock.systemUTC(), "ops@home.arpa", PROVISIONER);
            HttpResponse<String> admins = ops.send("GET", "/admin/admins", null);
            assertThat(admins.statusCode()).as(admins.body()).isEqualTo(200);
            assertThat(JSON.readTree(admins.body()).get("admins")).extracting(a -> a.get("subject").asText())
                    .containsExactly("ops@home.arpa");
            // step-ca's default subject was not bootstrapped next to it.
            AdminClient step = AdminClient.issue(app, https, Clock.systemUTC(), "step", PROVISIONER);
            assertThat(step.send("GET", "/admin/admins", null).statusCode()).isIn(401, 403);
        } finally {
            app.stop();
        }
    }

    @Test
    void withoutTheFlagThereIsNoAdminApi() throws Exception {
        Path dir = init();
        App app = start(dir);
        try {
            HttpClient https = TestCa.clientTrusting(dir.resolve("certs/root_ca.crt"));
            AdminClient step = AdminClient.issue(app, https, Clock.systemUTC(), "step", PROVISIONER);
            assertThat(step.send("GET", "/admin/admins", null).statusCode()).isEqualTo(404);
            long rows = app.database().withConnection(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM admins")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThat(rows).isZero();
        } finally {
            app.stop();
        }
    }
}
