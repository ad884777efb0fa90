package dev.stile.server.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.acme.testing.MutableClock;
import dev.stile.server.App;
import dev.stile.server.config.ConfigLoader;
import dev.stile.server.testsupport.TestCa;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.keys.EllipticCurves;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A running CA with the admin API on: ACME provisioner {@code acme}, JWK provisioner
 * {@code admin-jwk} and the bootstrap super-admin {@code step}, whose admin client is {@link #root}.
 * The admin ITs differ only in what they add to ca.json.
 */
final class AdminTestCa {

    private static final ObjectMapper JSON = new ObjectMapper();

    final App app;
    final HttpClient https;
    final MutableClock clock;
    final AdminClient root;
    final Path caJson;

    private AdminTestCa(App app, HttpClient https, MutableClock clock, AdminClient root, Path caJson) {
        this.app = app;
        this.https = https;
        this.clock = clock;
        this.root = root;
        this.caJson = caJson;
    }

    /**
     * @param moreProvisioners ca.json provisioner objects to add, each followed by a comma, or ""
     * @param moreTopLevel     top-level ca.json members to add, each preceded by a comma, or ""
     */
    static AdminTestCa start(Path dir, String moreProvisioners, String moreTopLevel) throws Exception {
        TestCa ca = TestCa.create(dir);
        String jwk = EcJwkGenerator.generateJwk(EllipticCurves.P256).toJson();
        String json = Files.readString(ca.config()).replace(
                "\"authority\": {\"provisioners\": [{\"type\": \"ACME\", \"name\": \"acme\"}]}",
                "\"authority\": {\"enableAdmin\": true, \"provisioners\": [{\"type\": \"ACME\", \"name\": \"acme\"}, "
                        + moreProvisioners + " {\"type\": \"JWK\", \"name\": \"admin-jwk\", \"key\": " + jwk + "}]}"
                        + moreTopLevel);
        Files.writeString(ca.config(), json);
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        App app = App.start(ConfigLoader.load(ca.config()),
                new App.Options(TestCa.PASSWORD.toCharArray(), clock, Duration.ofSeconds(20), List.of()));
        HttpClient https = TestCa.clientTrusting(ca.rootFile());
        AdminClient root = AdminClient.issue(app, https, clock, "step", "admin-jwk");
        return new AdminTestCa(app, https, clock, root, ca.config());
    }

    void stop() {
        app.stop();
    }

    /** A GET on the plain-HTTP ops listener (needs {@code ops.address} among the added members). */
    HttpResponse<String> ops(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.ops().opsPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }
}
