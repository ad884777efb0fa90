package dev.stile.server.http.acme;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.acme.model.KeyAuthorization;
import dev.stile.acme.testing.TestCsr;
import dev.stile.acme.testing.TestJws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ACME wire protocol over raw HTTP: headers, problem documents and the JWS checks that a
 * well-behaved client never trips.
 */
class AcmeProtocolIT {

    private static final String D = AcmeTestServer.DOMAIN;
    private static final String ERR = "urn:ietf:params:acme:error:";

    @TempDir
    static Path dir;
    static AcmeTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = AcmeTestServer.start(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static void assertProblem(HttpResponse<String> r, int status, String type) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(RawAcme.json(r).path("type").asText()).as(r.body()).isEqualTo(ERR + type);
        assertThat(RawAcme.json(r).path("detail").asText()).isNotBlank();
        assertThat(r.headers().firstValue("Replay-Nonce")).isPresent();
        assertThat(r.headers().allValues("Link")).anySatisfy(l -> assertThat(l).endsWith("/directory>;rel=\"index\""));
    }

    @Test
    void newNonceAnswersHead200AndGet204WithANonceThatIsNotCached() throws Exception {
        RawAcme acme = new RawAcme(server, "acme");
        HttpResponse<Void> head = acme.http.send(HttpRequest.newBuilder(URI.create(acme.url("new-nonce")))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        HttpResponse<String> get = acme.get(acme.url("new-nonce"));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(get.statusCode()).isEqualTo(204);
        for (var h : List.of(head.headers(), get.headers())) {
            assertThat(h.firstValue("Replay-Nonce")).hasValueSatisfying(n -> assertThat(n).matches("[A-Za-z0-9_-]{48}"));
            assertThat(h.firstValue("Cache-Control")).hasValue("no-store");
            assertThat(h.allValues("Link")).contains("<" + acme.url("directory") + ">;rel=\"index\"");
        }
        assertThat(head.headers().firstValue("Replay-Nonce")).isNotEqualTo(get.headers().firstValue("Replay-Nonce"));
    }

    @Test
    void theStepAliasServesTheDirectoryWithLinksUnderAcme() throws Exception {
        RawAcme acme = new RawAcme(server, "acme");
        HttpResponse<String> r = acme.get(server.base() + "/2.0/acme/acme/directory");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode d = RawAcme.json(r);
        assertThat(d.path("newOrder").asText()).isEqualTo(acme.url("new-order"));
        assertThat(d.path("renewalInfo").asText()).isEqualTo(acme.url("renewal-info"));
        assertThat(d.path("newAuthz").asText()).isEqualTo(acme.url("new-authz"));
        assertThat(d.path("keyChange").asText()).isEqualTo(acme.url("key-change"));
        assertThat(d.path("meta").path("profiles").path("shortlived").asText()).isEqualTo("6 hour certificates");
        assertThat(r.headers().allValues("Link")).contains("<" + acme.url("directory") + ">;rel=\"index\"");
    }

    @Test
    void unknownProvisionerIsStepsNotFoundAndANonAcmeProvisionerIsUnauthorized() throws Exception {
        RawAcme acme = new RawAcme(server, "acme");
        HttpResponse<String> unknown = acme.get(server.base() + "/acme/nope/directory");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(RawAcme.json(unknown).path("type").asText()).isEqualTo("notFound");
        assertThat(RawAcme.json(unknown).path("message").asText()).isEqualTo("provisioner nope not found");
        assertProblem(acme.get(server.base() + "/acme/jwk/directory"), 403, "unauthorized");
    }

    @Test
    void aReusedNonceIsBadNonceAndTheFreshNonceOfTheErrorWorks() throws Exception {
        RawAcme acme = new RawAcme(server, "acme");
        String nonce = acme.nonce();
        String url = acme.url("new-account");
        HttpResponse<String> first = acme.send(url, TestJws.signedBy(acme.key).url(url).nonce(nonce)
                .payload("{\"termsOfServiceAgreed\":true}"), b -> b.header("Content-Type", "application/jose+json"));
        assertThat(first.statusCode()).isEqualTo(201);
        HttpResponse<String> replay = acme.send(url, TestJws.signedBy(acme.key).url(url).nonce(nonce)
                .payload("{\"termsOfServiceAgreed\":true}"), b -> b.header("Content-Type", "application/jose+json"));
        assertProblem(replay, 400, "badNonce");
        String fresh = replay.headers().firstValue("Replay-Nonce").orElseThrow();
        HttpResponse<String> retry = acme.send(url, TestJws.signedBy(acme.key).url(url).nonce(fresh)
                .payload("{\"termsOfServiceAgreed\":true}"), b -> b.header("Content-Type", "application/jose+json"));
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
    }

    @Test
    void jwsChecksNameTheirProblemType() throws Exception {
        RawAcme acme = new RawAcme(server, "acme").register();
        String newOrder = acme.url("new-order");
        String payload = "{\"identifiers\":[{\"type\":\"dns\",\"value\":\"a." + D + "\"}]}";
        // The JWS url is the new-account URL, the request goes to new-order.
        assertProblem(acme.send(newOrder, TestJws.signedBy(acme.key).kid(acme.accountUrl).payload(payload)
                .url(acme.url("new-account")).nonce(acme.nonce()), b -> b.header("Content-Type", "application/jose+json")),
                403, "unauthorized");
        assertProblem(acme.send(newOrder, TestJws.signedBy(acme.key).kidAndJwk(acme.accountUrl).payload(payload)), 400,
                "malformed");
        assertProblem(acme.send(newOrder, TestJws.signedBy(acme.key).kid(acme.accountUrl).alg("none").payload(payload)),
                400, "badSignatureAlgorithm");
        assertProblem(acme.send(newOrder, TestJws.signedBy(acme.key).kid(acme.accountUrl).payload(payload)
                .url(newOrder).nonce(acme.nonce()), b -> b.header("Content-Type", "application/json")), 400, "malformed");
        assertProblem(acme.send(newOrder, TestJws.signedBy(acme.key).kid(acme.url("account/nobody")).payload(payload)),
                400, "accountDoesNotExist");
        assertProblem(acme.send(acme.url("new-account"), TestJws.signedBy(acme.key).kid(acme.accountUrl).payload("{}")),
                400, "malformed");
    }

    @Test
    void orderLifecycleErrors() throws Exception {
        RawAcme acme = new RawAcme(server, "acme").register();
        HttpResponse<String> created = acme.post(acme.url("new-order"),
                "{\"identifiers\":[{\"type\":\"dns\",\"value\":\"b." + D + "\"}]}");
        assertThat(created.statusCode()).isEqualTo(201);
        String orderUrl = created.headers().firstValue("Location").orElseThrow();
        JsonNode order = RawAcme.json(created);
        assertThat(order.path("status").asText()).isEqualTo("pending");

        // POST-as-GET resources refuse a JSON body.
        assertProblem(acme.post(orderUrl, "{}"), 400, "malformed");
        // Finalizing a pending order.
        String csr = b64(TestCsr.of(ecKey(), null, "b." + D));
        assertProblem(acme.post(order.path("finalize").asText(), "{\"csr\":\"" + csr + "\"}"), 403, "orderNotReady");

        // Make it ready with http-01, then finalize with a CSR naming something else.
        String authzUrl = order.path("authorizations").get(0).asText();
        JsonNode authz = RawAcme.json(acme.post(authzUrl, ""));
        JsonNode http01 = null;
        for (JsonNode c : authz.path("challenges")) {
            if (c.path("type").asText().equals("http-01")) {
                http01 = c;
            }
        }
        String token = http01.path("token").asText();
        server.responders.serveToken(token, KeyAuthorization.of(token, acme.key.calculateBase64urlEncodedThumbprint("SHA-256")));
        HttpResponse<String> triggered = acme.post(http01.path("url").asText(), "{}");
        assertThat(triggered.statusCode()).isEqualTo(200);
        assertThat(triggered.headers().allValues("Link")).contains("<" + authzUrl + ">;rel=\"up\"");
        assertThat(RawAcme.json(triggered).path("status").asText()).isIn("processing", "valid");
        waitFor(acme, orderUrl, "ready");

        String wrong = b64(TestCsr.of(ecKey(), null, "b." + D, "other." + D));
        assertProblem(acme.post(order.path("finalize").asText(), "{\"csr\":\"" + wrong + "\"}"), 400, "badCSR");
        assertThat(RawAcme.json(acme.post(orderUrl, "")).path("status").asText()).isEqualTo("ready");

        HttpResponse<String> finalized = acme.post(order.path("finalize").asText(), "{\"csr\":\"" + csr + "\"}");
        assertThat(finalized.statusCode()).as(finalized.body()).isEqualTo(200);
        assertThat(finalized.headers().firstValue("Location")).hasValue(orderUrl);
        JsonNode valid = RawAcme.json(finalized);
        assertThat(valid.path("status").asText()).isEqualTo("valid");

        // A retried finalize (its response was lost) gets the valid order again.
        HttpResponse<String> again = acme.post(order.path("finalize").asText(), "{\"csr\":\"" + csr + "\"}");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(RawAcme.json(again).path("certificate").asText()).isEqualTo(valid.path("certificate").asText());

        HttpResponse<String> cert = acme.post(valid.path("certificate").asText(), "");
        assertThat(cert.statusCode()).isEqualTo(200);
        assertThat(cert.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/pem-certificate-chain"));
        assertThat(cert.body()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(cert.headers().allValues("Link")).contains("<" + server.base() + "/intermediates.pem>;rel=\"up\"");
    }

    @Test
    void badIdentifiersAreRejectedWithOneSubproblemEach() throws Exception {
        RawAcme acme = new RawAcme(server, "acme").register();
        HttpResponse<String> r = acme.post(acme.url("new-order"), "{\"identifiers\":[{\"type\":\"dns\",\"value\":\"ok." + D
                + "\"},{\"type\":\"dns\",\"value\":\"bad_label." + D + "\"},{\"type\":\"dns\",\"value\":\"host.123\"}]}");
        assertProblem(r, 400, "rejectedIdentifier");
        JsonNode subs = RawAcme.json(r).path("subproblems");
        assertThat(subs).hasSize(2);
        assertThat(subs.get(0).path("identifier").path("value").asText()).isEqualTo("bad_label." + D);
        assertThat(subs.get(1).path("identifier").path("value").asText()).isEqualTo("host.123");

        assertProblem(acme.post(acme.url("new-order"), "{\"identifiers\":[{\"type\":\"dns\",\"value\":\"ok." + D
                + "\"}],\"profile\":\"nope\"}"), 400, "invalidProfile");
    }

    @Test
    void theOrdersListIsPaginatedWithLinkNext() throws Exception {
        RawAcme acme = new RawAcme(server, "acme").register();
        for (int i = 0; i < 51; i++) {
            HttpResponse<String> r = acme.post(acme.url("new-order"), "{\"identifiers\":[{\"type\":\"dns\",\"value\":\"n" + i
                    + "." + D + "\"}]}");
            assertThat(r.statusCode()).isEqualTo(201);
        }
        String ordersUrl = RawAcme.json(acme.post(acme.accountUrl, "")).path("orders").asText();
        HttpResponse<String> first = acme.post(ordersUrl, "");
        assertThat(RawAcme.json(first).path("orders")).hasSize(50);
        String next = first.headers().allValues("Link").stream().map(l -> {
            Matcher m = Pattern.compile("<(.*)>;rel=\"next\"").matcher(l);
            return m.matches() ? m.group(1) : null;
        }).filter(s -> s != null).findFirst().orElseThrow();
        HttpResponse<String> second = acme.post(next, "");
        assertThat(RawAcme.json(second).path("orders")).hasSize(1);
        assertThat(second.headers().allValues("Link")).noneMatch(l -> l.contains("rel=\"next\""));
    }

    @Test
    void renewalInfoOfAnUnknownCertificateIsNotFound() throws Exception {
        RawAcme acme = new RawAcme(server, "acme");
        HttpResponse<String> r = acme.get(acme.url("renewal-info/aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE"));
        assertProblem(r, 404, "malformed");
    }

    private static void waitFor(RawAcme acme, String orderUrl, String status) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        String now = null;
        while (System.nanoTime() < deadline) {
            now = RawAcme.json(acme.post(orderUrl, "")).path("status").asText();
            if (now.equals(status)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("order " + orderUrl + " is " + now + ", not " + status);
    }

    private static KeyPair ecKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static String b64(byte[] der) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(der);
    }
}
