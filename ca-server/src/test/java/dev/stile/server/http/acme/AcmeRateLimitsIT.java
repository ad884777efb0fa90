package dev.stile.server.http.acme;

import dev.stile.server.testsupport.PostgresSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.util.KeyPairUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every ACME rate limit and cap, hit by acme4j on H2 and on PostgreSQL: the request beyond the
 * limit is refused with {@code rateLimited} (429) and a {@code Retry-After} acme4j reads, the
 * refusal is counted in {@code stile_rate_limited_total}, and what does not count (looking up an
 * existing account, a refused finalize) does not use up the limit. Each limit has its own
 * provisioner with a small per-provisioner override, so the tests do not share budgets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AcmeRateLimitsIT {

    private static final String D = AcmeTestServer.DOMAIN;
    static final String LIMITED_PROVISIONERS = String.join(",\n    ",
            "{\"type\": \"ACME\", \"name\": \"few-accounts\", \"rateLimits\": {\"newAccountsPerAddress\": {\"count\": 3, \"period\": \"1h\"}}}",
            "{\"type\": \"ACME\", \"name\": \"few-orders\", \"rateLimits\": {\"newOrdersPerAccount\": {\"count\": 4, \"period\": \"1h\"}}}",
            "{\"type\": \"ACME\", \"name\": \"few-pending\", \"rateLimits\": {\"pendingAuthorizationsPerAccount\": 3}}",
            "{\"type\": \"ACME\", \"name\": \"few-failures\", \"rateLimits\": {\"failedValidationsPerAccountAndIdentifier\": {\"count\": 2, \"period\": \"1h\"}}}",
            "{\"type\": \"ACME\", \"name\": \"few-certs\", \"rateLimits\": {\"certificatesPerIdentifier\": {\"count\": 2, \"period\": \"1h\"}}}",
            "{\"type\": \"ACME\", \"name\": \"one-account\", \"rateLimits\": {\"newAccountsPerAddress\": {\"count\": 1, \"period\": \"1h\"}}}");

    @TempDir
    static Path dir;
    private final Map<String, AcmeTestServer> servers = new HashMap<>();
    private PostgresSchema schema;

    @BeforeAll
    void start() throws Exception {
        AcmeTestServer.Setup setup = AcmeTestServer.Setup.standard();
        // A top-level block too (read through ConfigLoader); loopback is not a listed proxy, so
        // X-Forwarded-For from these clients is still ignored.
        String topLevel = "\"rateLimits\": {\"trustedProxies\": [\"10.0.0.0/8\"]}";
        servers.put("h2", AcmeTestServer.start(dir.resolve("h2"), setup.with(LIMITED_PROVISIONERS, topLevel, "")));
        if (System.getenv("STILE_TEST_POSTGRES_URL") != null || dev.stile.testsupport.Requirements.isCi()) {
            schema = PostgresSchema.create();
            servers.put("postgresql", AcmeTestServer.start(dir.resolve("pg"),
                    setup.with(LIMITED_PROVISIONERS, topLevel, schema.dbJson())));
        }
    }

    @AfterAll
    void stop() throws Exception {
        for (AcmeTestServer s : servers.values()) {
            s.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    private AcmeTestServer server(String backend) {
        AcmeTestServer s = servers.get(backend);
        if (s == null) {
            // Skips with the reason, or fails under CI.
            dev.stile.testsupport.Requirements.postgresUrl();
        }
        return s;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void newAccountsPerAddress(String backend) throws Exception {
        AcmeTestServer server = server(backend);
        java.security.KeyPair first = KeyPairUtils.createECKeyPair("secp256r1");
        newAccount(server, "few-accounts", first);
        newAccount(server, "few-accounts", KeyPairUtils.createECKeyPair("secp256r1"));
        newAccount(server, "few-accounts", KeyPairUtils.createECKeyPair("secp256r1"));

        assertRateLimited(() -> newAccount(server, "few-accounts", KeyPairUtils.createECKeyPair("secp256r1")),
                "newAccountsPerAddress", Duration.ofMinutes(19), Duration.ofMinutes(21));
        assertThatThrownBy(() -> newAccount(server, "few-accounts", KeyPairUtils.createECKeyPair("secp256r1")))
                .hasMessageStartingWith("too many new accounts from 127.0.0.1: at most 3 per 1h"
                        + " (rateLimits.newAccountsPerAddress); retry after ");
        // Finding the existing account of a key creates nothing and is never limited.
        Account existing = new AccountBuilder().onlyExisting().useKeyPair(first)
                .create(server.session("few-accounts"));
        assertThat(existing.getStatus()).isEqualTo(Status.VALID);
        assertCounted(server, "newAccountsPerAddress");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void newOrdersPerAccount(String backend) throws Exception {
        AcmeTestServer server = server(backend);
        Login login = login(server, "few-orders");
        for (int i = 0; i < 4; i++) {
            login.newOrder().domain("o" + i + ".orders." + D).create();
        }
        assertRateLimited(() -> login.newOrder().domain("o4.orders." + D).create(), "newOrdersPerAccount",
                Duration.ofMinutes(14), Duration.ofMinutes(16));
        assertThat(login(server, "few-orders").newOrder().domain("other.orders." + D).create().getStatus())
                .as("another account has its own budget").isEqualTo(Status.PENDING);
        assertCounted(server, "newOrdersPerAccount");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void pendingAuthorizationsPerAccount(String backend) throws Exception {
        AcmeTestServer server = server(backend);
        Login login = login(server, "few-pending");
        Order first = login.newOrder().domain("p0.pending." + D).create();
        login.newOrder().domain("p1.pending." + D).domain("p2.pending." + D).create();

        assertRateLimited(() -> login.newOrder().domain("p3.pending." + D).create(),
                "pendingAuthorizationsPerAccount", Duration.ofSeconds(59), Duration.ofSeconds(61));
        assertRateLimited(() -> login.newOrder().domain("p0.pending." + D).create(),
                "pendingAuthorizationsPerAccount", Duration.ofSeconds(59), Duration.ofSeconds(61));

        first.getAuthorizations().get(0).deactivate();
        assertThat(login.newOrder().domain("p3.pending." + D).create().getStatus())
                .as("a deactivated authorization frees its place").isEqualTo(Status.PENDING);
        assertCounted(server, "pendingAuthorizationsPerAccount");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void failedValidationsPerAccountAndIdentifier(String backend) throws Exception {
        AcmeTestServer server = server(backend);
        Login login = login(server, "few-failures");
        String name = "f." + D;
        for (int i = 0; i < 2; i++) {
            // The responder does not know the token: 404, the authorization becomes invalid.
            Authorization authz = login.newOrder().domain(name).create().getAuthorizations().get(0);
            Http01Challenge challenge = authz.findChallenge(Http01Challenge.class).orElseThrow();
            challenge.trigger();
            assertThat(challenge.waitForCompletion(AcmeFlows.WAIT)).isEqualTo(Status.INVALID);
        }
        Authorization third = login.newOrder().domain(name).create().getAuthorizations().get(0);
        Http01Challenge challenge = third.findChallenge(Http01Challenge.class).orElseThrow();
        server.responders.serveToken(challenge.getToken(), challenge.getAuthorization());
        assertRateLimited(challenge::trigger, "failedValidationsPerAccountAndIdentifier",
                Duration.ofMinutes(29), Duration.ofMinutes(31));
        challenge.fetch(); // polling (POST-as-GET) starts no validation and is never limited
        assertThat(challenge.getStatus()).isEqualTo(Status.PENDING);

        Authorization otherName = login.newOrder().domain("g." + D).create().getAuthorizations().get(0);
        AcmeFlows.solve(server, otherName, Http01Challenge.TYPE);
        assertCounted(server, "failedValidationsPerAccountAndIdentifier");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void certificatesPerIdentifier(String backend) throws Exception {
        AcmeTestServer server = server(backend);
        Login login = login(server, "few-certs");
        String name = "c." + D;
        AcmeFlows.complete(server, login.newOrder().domain(name).create(), Http01Challenge.TYPE);
        Order refusedCsr = login.newOrder().domain(name).create();
        assertThat(refusedCsr.waitUntilReady(AcmeFlows.WAIT)).isEqualTo(Status.READY);
        // A finalize that issues nothing (a CSR for another name) gives its count back.
        assertThatThrownBy(() -> refusedCsr.execute(KeyPairUtils.createECKeyPair("secp256r1"),
                csr -> csr.addDomain("d." + D))).isInstanceOf(org.shredzone.acme4j.exception.AcmeServerException.class);
        AcmeFlows.complete(server, login.newOrder().domain(name).create(), Http01Challenge.TYPE);

        Order third = login.newOrder().domain(name).create();
        assertThat(third.waitUntilReady(AcmeFlows.WAIT)).isEqualTo(Status.READY);
        assertRateLimited(() -> third.execute(KeyPairUtils.createECKeyPair("secp256r1")), "certificatesPerIdentifier",
                Duration.ofMinutes(29), Duration.ofMinutes(31));
        assertCounted(server, "certificatesPerIdentifier");
    }

    /** The refusal on the wire, from a raw JWS client: RFC 8555 §6.6 and §6.7 without acme4j in between. */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aRefusalIs429ProblemJsonWithRetryAfterAndANonce(String backend) throws Exception {
        AcmeTestServer server = server(backend);
        assertThat(rawNewAccount(server, "one-account").statusCode()).isEqualTo(201);
        java.net.http.HttpResponse<String> refused = rawNewAccount(server, "one-account");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(3500L, 3600L);
        assertThat(refused.headers().firstValue("Replay-Nonce")).isPresent();
        assertThat(refused.headers().allValues("Link")).anyMatch(l -> l.endsWith(";rel=\"index\""));
        com.fasterxml.jackson.databind.JsonNode problem = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(refused.body());
        assertThat(problem.path("type").asText()).isEqualTo("urn:ietf:params:acme:error:rateLimited");
        assertThat(problem.path("status").asInt()).isEqualTo(429);
        assertThat(problem.path("detail").asText()).startsWith("too many new accounts from 127.0.0.1: at most 1 per 1h");
    }

    /** new-account signed with a fresh P-256 key ({@code jwk} header), sent with java.net.http. */
    private static java.net.http.HttpResponse<String> rawNewAccount(AcmeTestServer server, String provisioner)
            throws Exception {
        java.net.http.HttpClient http = server.http();
        String base = server.base() + "/acme/" + provisioner;
        String nonce = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/new-nonce"))
                        .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).headers().firstValue("Replay-Nonce").orElseThrow();
        org.jose4j.jwk.EllipticCurveJsonWebKey key = org.jose4j.jwk.EcJwkGenerator.generateJwk(
                org.jose4j.keys.EllipticCurves.P256);
        org.jose4j.jws.JsonWebSignature jws = new org.jose4j.jws.JsonWebSignature();
        jws.setAlgorithmHeaderValue("ES256");
        jws.getHeaders().setJwkHeaderValue("jwk", key);
        jws.setHeader("nonce", nonce);
        jws.setHeader("url", base + "/new-account");
        jws.setPayload("{\"termsOfServiceAgreed\":true}");
        jws.setKey(key.getPrivateKey());
        String[] parts = jws.getCompactSerialization().split("\\.");
        String body = "{\"protected\":\"" + parts[0] + "\",\"payload\":\"" + parts[1] + "\",\"signature\":\""
                + parts[2] + "\"}";
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/new-account"))
                .header("Content-Type", "application/jose+json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    static Login login(AcmeTestServer server, String provisioner) throws Exception {
        return new AccountBuilder().agreeToTermsOfService().useKeyPair(KeyPairUtils.createECKeyPair("secp256r1"))
                .createLogin(server.session(provisioner));
    }

    static Account newAccount(AcmeTestServer server, String provisioner, java.security.KeyPair key) throws Exception {
        return new AccountBuilder().agreeToTermsOfService().useKeyPair(key).create(server.session(provisioner));
    }

    interface AcmeCall {
        void run() throws Exception;
    }

    /** The call is refused with rateLimited naming the limit, and Retry-After lies within [min, max]. */
    static void assertRateLimited(AcmeCall call, String limit, Duration min, Duration max) {
        Instant before = Instant.now();
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AcmeRateLimitedException.class, e -> {
            assertThat(e.getType().toString()).isEqualTo("urn:ietf:params:acme:error:rateLimited");
            assertThat(e.getProblem().getDetail().orElseThrow()).contains("rateLimits." + limit);
            Instant retry = e.getRetryAfter().orElseThrow();
            assertThat(Duration.between(before, retry)).isBetween(min.minusSeconds(5), max.plusSeconds(5));
        });
    }

    static void assertCounted(AcmeTestServer server, String limit) {
        assertThat(server.app().ops().metrics().scrape())
                .containsPattern("stile_rate_limited_total\\{limit=\"" + limit + "\"[^}]*\\} [1-9]");
    }
}
