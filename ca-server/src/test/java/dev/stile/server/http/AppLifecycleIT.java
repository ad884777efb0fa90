package dev.stile.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stile.server.App;
import dev.stile.authority.init.CaInitializer;
import dev.stile.authority.init.InitOptions;
import dev.stile.authority.init.InitResult;
import dev.stile.authority.keys.KeyType;
import dev.stile.server.config.CaConfig;
import dev.stile.server.config.ConfigLoader;
import dev.stile.server.config.HostPort;
import dev.stile.server.testsupport.TestCa;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Serving a directory made by {@code stile init}, step's badger layout, graceful stop and health. */
class AppLifecycleIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final char[] PASSWORD = "lifecycle-password".toCharArray();

    @TempDir
    Path dir;

    private InitResult init() {
        return new CaInitializer().initialize(new InitOptions(dir.resolve("ca"), "Lifecycle",
                List.of("localhost", "127.0.0.1", "::1"), "127.0.0.1:9000", "ops@example.com", PASSWORD, null,
                true, KeyType.EC_P256));
    }

    private static CaConfig onFreePort(Path caJson) {
        CaConfig config = ConfigLoader.load(caJson);
        return config.withAddress(new HostPort("127.0.0.1", 0));
    }

    private static HttpResponse<String> get(HttpClient client, App app, String path)
            throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + app.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesADirectoryCreatedByStileInitUnchanged() throws Exception {
        InitResult ca = init();
        try (App app = App.start(onFreePort(ca.caConfig()), App.Options.withPassword(PASSWORD))) {
            HttpClient client = TestCa.clientTrusting(ca.rootCertificate());
            assertThat(get(client, app, "/health").body()).isEqualTo("{\"status\":\"ok\"}\n");
            assertThat(app.authority().rootFingerprint()).isEqualTo(ca.rootFingerprint());
        }
    }

    @Test
    void servesAStepCaDirectoryWhoseDbIsBadgerWithH2BesideItAndLeavesStepDataAlone() throws Exception {
        InitResult ca = init();
        ObjectNode json = (ObjectNode) JSON.readTree(ca.caConfig().toFile());
        // What `step ca init` writes.
        json.putObject("db").put("type", "badgerv2").put("dataSource", ca.dir().resolve("db").toString());
        Files.writeString(ca.caConfig(), json.toPrettyString());
        Path stepData = ca.dir().resolve("db/000001.vlog");
        Files.write(stepData, new byte[] {1, 2, 3});

        try (App app = App.start(onFreePort(ca.caConfig()), App.Options.withPassword(PASSWORD))) {
            assertThat(get(TestCa.clientTrusting(ca.rootCertificate()), app, "/health").statusCode()).isEqualTo(200);
        }
        assertThat(Files.list(ca.dir().resolve("db")).map(p -> p.getFileName().toString()))
                .contains("000001.vlog", "stile.mv.db");
        assertThat(Files.readAllBytes(stepData)).containsExactly(1, 2, 3);
    }

    @Test
    void stopLetsARequestInFlightFinishAndThenRefusesConnections() throws Exception {
        TestCa ca = TestCa.create(dir);
        CountDownLatch inside = new CountDownLatch(1);
        RouteModule slow = routes -> routes.get("/slow", ctx -> {
            inside.countDown();
            Thread.sleep(1500);
            ctx.result("done");
        });
        App app = App.start(ConfigLoader.load(ca.config()),
                App.Options.withPassword(TestCa.PASSWORD.toCharArray()).withExtraRoutes(slow));
        HttpClient client = TestCa.clientTrusting(ca.rootFile());
        URI slowUri = URI.create("https://localhost:" + app.port() + "/slow");
        CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(HttpRequest.newBuilder(slowUri).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        app.stop();

        HttpResponse<String> finished = inFlight.get(10, TimeUnit.SECONDS);
        assertThat(finished.statusCode()).isEqualTo(200);
        assertThat(finished.body()).isEqualTo("done");
        HttpClient fresh = TestCa.clientTrusting(ca.rootFile());
        assertThatThrownBy(() -> fresh.send(HttpRequest.newBuilder(slowUri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }

    @Test
    void healthSays503WhileTheDatabaseDoesNotAnswer() throws Exception {
        TestCa ca = TestCa.create(dir);
        try (App app = App.start(ConfigLoader.load(ca.config()), App.Options.withPassword(TestCa.PASSWORD.toCharArray()))) {
            HttpClient client = TestCa.clientTrusting(ca.rootFile());
            assertThat(get(client, app, "/health").statusCode()).isEqualTo(200);
            app.database().close();
            HttpResponse<String> down = get(client, app, "/health");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(down.body()).get("status").asText()).isEqualTo("unavailable");
        }
    }
}
