package dev.stile.server.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.keys.EllipticCurves;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.stile.server.http.admin.AdminTestCa.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /admin/provisioners} (changes effective at once, ca.json kept) and the JWS/nonce
 * rejection counters on the ops {@code /metrics}. Own server, so AdminApiIT stays readable.
 */
class AdminProvisionersIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static AdminTestCa ca;

    @BeforeAll
    static void start() throws Exception {
        ca = AdminTestCa.start(dir, "{\"type\": \"ACME\", \"name\": \"acme-eab\", \"requireEAB\": true},",
                ", \"ops\": {\"address\": \"127.0.0.1:0\", \"renewalWindow\": \"8h\"}");
    }

    @AfterAll
    static void stop() {
        if (ca != null) {
            ca.stop();
        }
    }

    private static List<String> publicProvisionerNames() throws Exception {
        JsonNode list = json(ca.https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + ca.app.port()
                + "/provisioners?limit=100")).build(), HttpResponse.BodyHandlers.ofString()));
        List<String> names = new ArrayList<>();
        list.get("provisioners").forEach(p -> names.add(p.get("name").asText()));
        return names;
    }

    @Test
    void provisionersCrudTakesEffectAtOnceAndKeepsTheRestOfCaJson() throws Exception {
        org.jose4j.jwk.EllipticCurveJsonWebKey jwk = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        jwk.setKeyId(jwk.calculateBase64urlEncodedThumbprint("SHA-256"));
        String key = jwk.toJson();
        String ci = "{\"type\":\"JWK\",\"name\":\"ci-jwk\",\"key\":" + key + "}";
        assertThat(ca.root.sendWith("POST", "/admin/provisioners", ci, null).statusCode()).isEqualTo(401);
        HttpResponse<String> created = ca.root.send("POST", "/admin/provisioners", ci);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).get("name").asText()).isEqualTo("ci-jwk");
        // No restart, no waiting for the file watcher.
        assertThat(publicProvisionerNames()).contains("ci-jwk");
        // Its tokens are accepted by /sign straight away.
        String ott = dev.stile.server.http.step.StepClients.token(jwk.getPrivateKey(), jwk.getKeyId(), "ci-jwk",
                "ci.example", "https://localhost:" + ca.app.port() + "/1.0/sign", List.of("ci.example"), ca.clock.instant(),
                c -> { });
        String signBody = JSON.createObjectNode().put("ott", ott).put("csr", dev.stile.server.http.step.StepClients
                .csr(dev.stile.server.http.step.StepClients.ecKey(), "ci.example", List.of("ci.example"))).toString();
        HttpResponse<String> signed = ca.https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + ca.app.port()
                        + "/1.0/sign")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(signBody)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(201);
        assertThat(json(ca.root.send("GET", "/admin/provisioners/ci-jwk", null)).get("type").asText()).isEqualTo("JWK");
        assertThat(ca.root.send("GET", "/admin/provisioners/nope", null).statusCode()).isEqualTo(404);
        assertThat(json(ca.root.send("GET", "/admin/provisioners?limit=2", null)).get("provisioners").size()).isEqualTo(2);
        assertThat(ca.root.send("GET", "/admin/provisioners?limit=x", null).statusCode()).isEqualTo(400);

        assertThat(ca.root.send("POST", "/admin/provisioners", ci).statusCode()).isEqualTo(409);
        HttpResponse<String> bad = ca.root.send("POST", "/admin/provisioners", "{\"type\":\"JWK\",\"name\":\"no-key\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("message").asText()).contains("no-key", "key");
        assertThat(ca.root.send("POST", "/admin/provisioners", "{\"type\":\"JWK\"}").statusCode()).isEqualTo(400);
        assertThat(ca.root.send("POST", "/admin/provisioners", "[1]").statusCode()).isEqualTo(400);
        assertThat(publicProvisionerNames()).doesNotContain("no-key");

        String updated = "{\"type\":\"JWK\",\"name\":\"ci-jwk\",\"key\":" + key
                + ",\"claims\":{\"maxTLSCertDuration\":\"2h\",\"defaultTLSCertDuration\":\"1h\"}}";
        HttpResponse<String> put = ca.root.send("PUT", "/admin/provisioners/ci-jwk", updated);
        assertThat(put.statusCode()).isEqualTo(200);
        // A ca.json body is answered in ca.json form; GET answers linkedca protojson, as step-ca.
        assertThat(json(put).path("claims").path("maxTLSCertDuration").asText()).isEqualTo("2h");
        assertThat(json(ca.root.send("GET", "/admin/provisioners/ci-jwk", null)).at("/claims/x509/durations/max")
                .asText()).isEqualTo("2h");
        assertThat(ca.root.send("PUT", "/admin/provisioners/nope", updated.replace("ci-jwk", "nope")).statusCode())
                .isEqualTo(404);

        // The bootstrap super-admin belongs to admin-jwk: deleting it would lock everyone out.
        assertThat(ca.root.send("DELETE", "/admin/provisioners/admin-jwk", null).statusCode()).isEqualTo(400);
        assertThat(ca.root.send("DELETE", "/admin/provisioners/ci-jwk", null).statusCode()).isEqualTo(200);
        assertThat(publicProvisionerNames()).doesNotContain("ci-jwk").contains("admin-jwk", "acme");
        assertThat(ca.root.send("DELETE", "/admin/provisioners/ci-jwk", null).statusCode()).isEqualTo(404);

        JsonNode onDisk = JSON.readTree(Files.readString(ca.caJson));
        assertThat(onDisk.path("authority").path("enableAdmin").asBoolean()).isTrue();
        assertThat(onDisk.path("ops").path("renewalWindow").asText()).isEqualTo("8h");
        assertThat(onDisk.path("authority").path("provisioners")).extracting(p -> p.get("name").asText())
                .containsExactly("acme", "acme-eab", "admin-jwk");
    }

    @Test
    void jwsAndNonceRejectionsAreCountedByErrorType() throws Exception {
        double jwsBefore = counter("stile_jws_rejections_total{error=\"badNonce\"");
        double nonceBefore = counter("stile_nonce_rejections_total{");
        String url = "https://localhost:" + ca.app.port() + "/acme/acme/new-account";
        String header = "{\"alg\":\"ES256\",\"jwk\":" + EcJwkGenerator.generateJwk(EllipticCurves.P256).toJson()
                + ",\"nonce\":\"never-issued\",\"url\":\"" + url + "\"}";
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String body = "{\"protected\":\"" + b64.encodeToString(header.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "\",\"payload\":\"\",\"signature\":\"AAAA\"}";
        HttpResponse<String> r = ca.https.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/jose+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("badNonce");
        HttpResponse<String> garbage = ca.https.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/jose+json")
                .POST(HttpRequest.BodyPublishers.ofString("not json")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(garbage.body()).contains("malformed");

        assertThat(counter("stile_jws_rejections_total{error=\"badNonce\"")).isEqualTo(jwsBefore + 1);
        assertThat(counter("stile_nonce_rejections_total{")).isEqualTo(nonceBefore + 1);
        assertThat(counter("stile_jws_rejections_total{error=\"malformed\"")).isGreaterThanOrEqualTo(1);
    }

    /** The sum of every series of a counter whose line starts with the prefix (0 when absent). */
    private static double counter(String prefix) throws Exception {
        double sum = 0;
        for (String line : ca.ops("/metrics").body().split("\n")) {
            if (line.startsWith(prefix)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
            }
        }
        return sum;
    }
}
