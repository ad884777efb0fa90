package dev.stile.server.recovery;

import dev.stile.server.testsupport.PostgresSchema;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.acme.testing.TestJws;
import dev.stile.acme.testing.TestKeys;
import dev.stile.server.http.step.StepClients;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10, "outages answered fast and honestly": the real jar on PostgreSQL through a TCP proxy
 * on loopback, which the test cuts and restores (the shared PostgreSQL server keeps running).
 * While cut, {@code /ready} says 503 within a second, and every route that needs the database
 * answers 503 with {@code Retry-After} within two seconds: ACME's {@code serverInternal} problem,
 * step's JSON error on {@code /1.0/sign}; {@code new-nonce} too. After the restore everything
 * answers again. Before, requests hung 10-25 s and answered 500, {@code /ready} took 10 s.
 */
class DatabaseOutageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FAST = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    @Test
    void anUnreachableDatabaseIsAnswered503FastOnEveryRouteAndReadinessFollowsIt() throws Exception {
        try (RecoveryCa ca = new RecoveryCa(dir); PostgresSchema pg = new PostgresSchema();
             TcpProxy proxy = new TcpProxy(pg.hostPort())) {
            RecoveryCa.Node node = ca.node("outage", pg.db(proxy.hostPort()));
            try (StileProcess server = StileProcess.start(ca, node)) {
                HttpClient http = ca.http();
                String acme = node.base() + "/acme/acme/";
                assertThat(get(http, node.base() + "/ready").statusCode()).isEqualTo(200);
                PublicJsonWebKey accountKey = TestKeys.ec256();
                HttpResponse<String> created = post(http, acme + "new-account", TestJws.signedBy(accountKey)
                        .payload("{\"termsOfServiceAgreed\":true}").nonce(nonce(http, acme)).url(acme + "new-account"));
                assertThat(created.statusCode()).isEqualTo(201);
                String kid = created.headers().firstValue("Location").orElseThrow();
                String nonce1 = nonce(http, acme);
                String nonce2 = nonce(http, acme);
                assertThat(sign(http, ca, node, "before.recovery.test").statusCode()).isEqualTo(201);

                proxy.cut();
                long cut = System.nanoTime();
                Duration readyFlipped = awaitStatus(http, node.base() + "/ready", 503, cut);
                System.out.printf("/ready answered 503 %d ms after the database was cut%n", readyFlipped.toMillis());
                assertThat(readyFlipped).as("time until /ready says 503").isLessThan(Duration.ofSeconds(1));

                checkOutage(() -> head(http, acme + "new-nonce"), false, "HEAD new-nonce");
                checkOutage(() -> get(http, acme + "new-nonce"), true, "GET new-nonce");
                checkOutage(() -> post(http, acme + "new-account", TestJws.signedBy(TestKeys.ec256())
                        .payload("{\"termsOfServiceAgreed\":true}").nonce(nonce1).url(acme + "new-account")), true,
                        "POST new-account");
                checkOutage(() -> post(http, acme + "new-order", TestJws.signedBy(accountKey).kid(kid)
                        .payload("{\"identifiers\":[{\"type\":\"dns\",\"value\":\"x.recovery.test\"}]}")
                        .nonce(nonce2).url(acme + "new-order")), true, "POST new-order");
                HttpResponse<String> signed = timed(() -> sign(http, ca, node, "during.recovery.test"), "POST /1.0/sign");
                assertThat(signed.statusCode()).as("/1.0/sign: " + signed.body()).isEqualTo(503);
                assertThat(signed.headers().firstValue("Retry-After")).as("/1.0/sign Retry-After").isPresent();
                JsonNode step = JSON.readTree(signed.body());
                assertThat(step.get("status").asInt()).isEqualTo(503);
                assertThat(step.get("message").asText()).contains("cannot reach its database");

                proxy.restore();
                long restored = System.nanoTime();
                Duration readyAgain = awaitStatus(http, node.base() + "/ready", 200, restored);
                System.out.printf("/ready answered 200 %d ms after the database was restored%n", readyAgain.toMillis());
                assertThat(readyAgain).isLessThan(Duration.ofSeconds(3));
                Duration serving = awaitSigned(http, ca, node, restored);
                System.out.printf("/1.0/sign issued again %d ms after the database was restored%n", serving.toMillis());
                assertThat(head(http, acme + "new-nonce").statusCode()).isEqualTo(200);

                assertThat(server.log()).contains("answered 503: the database is unreachable").doesNotContain("\tat ");
            }
        }
    }

    /** A request that needs the database: 503 within 2 s, Retry-After, and (with a body) ACME's serverInternal. */
    private static void checkOutage(Request request, boolean withBody, String what) throws Exception {
        HttpResponse<String> r = timed(request, what);
        assertThat(r.statusCode()).as(what + ": " + r.body()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).as(what + " Retry-After").isPresent();
        if (withBody) {
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            JsonNode problem = JSON.readTree(r.body());
            assertThat(problem.get("type").asText()).isEqualTo("urn:ietf:params:acme:error:serverInternal");
            assertThat(problem.get("detail").asText()).contains("cannot reach its database");
        }
    }

    private static HttpResponse<String> timed(Request request, String what) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = request.send();
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        System.out.printf("during the outage %s answered %d in %d ms%n", what, r.statusCode(), took.toMillis());
        assertThat(took).as(what + " answer time").isLessThan(FAST);
        return r;
    }

    private static Duration awaitStatus(HttpClient http, String url, int status, long since) throws Exception {
        long deadline = since + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (get(http, url).statusCode() == status) {
                return Duration.ofNanos(System.nanoTime() - since);
            }
            Thread.sleep(20);
        }
        throw new AssertionError(url + " did not answer " + status + " within 15 s");
    }

    private static Duration awaitSigned(HttpClient http, RecoveryCa ca, RecoveryCa.Node node, long since) throws Exception {
        long deadline = since + Duration.ofSeconds(15).toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = sign(http, ca, node, "after.recovery.test");
            if (last.statusCode() == 201) {
                return Duration.ofNanos(System.nanoTime() - since);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("/1.0/sign did not issue within 15 s of the restore: " + last.statusCode() + " " + last.body());
    }

    private static HttpResponse<String> sign(HttpClient http, RecoveryCa ca, RecoveryCa.Node node, String name)
            throws Exception {
        KeyPair key = StepClients.ecKey();
        String token = StepClients.token(ca.provisionerKey.getPrivateKey(), RecoveryCa.PROVISIONER_KID, "jwk", name,
                node.base() + "/1.0/sign", List.of(name), Instant.now(), c -> { });
        String body = JSON.writeValueAsString(JSON.createObjectNode()
                .put("csr", StepClients.csr(key, name, List.of(name))).put("ott", token));
        return http.send(HttpRequest.newBuilder(URI.create(node.base() + "/1.0/sign")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String nonce(HttpClient http, String acme) throws Exception {
        return head(http, acme + "new-nonce").headers().firstValue("Replay-Nonce").orElseThrow();
    }

    private static HttpResponse<String> head(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(HttpClient http, String url, TestJws jws) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/jose+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(jws.body())).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One HTTP exchange. */
    @FunctionalInterface
    private interface Request {
        HttpResponse<String> send() throws Exception;
    }

}
