package dev.stile.server.http.acme;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input at the HTTP edge gets the right 4xx in the route's own error shape (ACME problem or
 * step JSON), never an HTML page, a closed connection or a 500.
 */
class HostileInputIT {

    @TempDir
    static Path dir;
    static AcmeTestServer server;
    static final ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> LOG =
            new ch.qos.logback.core.read.ListAppender<>();

    @BeforeAll
    static void start() throws Exception {
        server = AcmeTestServer.start(dir);
        LOG.start();
        root().addAppender(LOG);
    }

    @AfterAll
    static void stop() throws Exception {
        root().detachAppender(LOG);
        server.close();
        // Every refusal above is an answer, not a failure: no ERROR line, no stack trace in the log.
        assertThat(LOG.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.ERROR)
                || e.getThrowableProxy() != null).extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                .isEmpty();
    }

    private static ch.qos.logback.classic.Logger root() {
        return (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private static RawHttp.Answer send(String head, byte[] body) throws Exception {
        return RawHttp.exchange(server.trust(), server.port, head, body);
    }

    private static String host() {
        return "localhost:" + server.port;
    }

    @Test
    void aTenMegabyteAcmeBodyIs413AsAProblemDocument() throws Exception {
        byte[] body = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) 'a');

        RawHttp.Answer a = send(RawHttp.head("POST", "/acme/acme/new-account", host(),
                "Content-Type: application/jose+json", "Content-Length: " + body.length), body);

        assertThat(a.status()).as(a.head()).isEqualTo(413);
        assertThat(a.header("Content-Type")).startsWith("application/problem+json");
        assertThat(a.body()).contains("urn:ietf:params:acme:error:malformed");
    }

    @Test
    void aChunkedOversizedAcmeBodyIs413Too() throws Exception {
        StringBuilder chunks = new StringBuilder();
        String chunk = "a".repeat(65536);
        for (int i = 0; i < 40; i++) {
            chunks.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        chunks.append("0\r\n\r\n");

        RawHttp.Answer a = send(RawHttp.head("POST", "/acme/acme/new-order", host(),
                "Content-Type: application/jose+json", "Transfer-Encoding: chunked"), chunks.toString().getBytes());

        assertThat(a.status()).as(a.head()).isEqualTo(413);
        assertThat(a.body()).contains("urn:ietf:params:acme:error:malformed");
    }

    @Test
    void anOversizedBodyOnAStepRouteIs413InStepsShape() throws Exception {
        byte[] body = new byte[5 * 1024 * 1024];

        RawHttp.Answer a = send(RawHttp.head("POST", "/1.0/renew", host(), "Content-Type: application/json",
                "Content-Length: " + body.length), body);

        assertThat(a.status()).as(a.head()).isEqualTo(413);
        assertThat(a.body()).contains("\"status\":413");
    }

    @Test
    void anUndecodablePathIs400NotAClosedConnection() throws Exception {
        RawHttp.Answer a = send(RawHttp.head("GET", "/acme/acme/authz/%ff%fe", host()), null);

        assertThat(a.status()).as(a.head()).isEqualTo(400);
        assertThat(a.header("Content-Type")).startsWith("application/");
    }

    @Test
    void anUnknownHostIsNotEchoedIntoTheDirectory() throws Exception {
        RawHttp.Answer a = send(RawHttp.head("GET", "/acme/acme/directory", "evil.example:443"), null);

        assertThat(a.body()).doesNotContain("evil.example");
        assertThat(a.status()).as(a.head()).isEqualTo(400);
        assertThat(a.body()).contains("the Host header does not name this CA; use one of localhost, 127.0.0.1");
    }

    @Test
    void aConfiguredHostIsAnsweredWithItsOwnUrls() throws Exception {
        RawHttp.Answer a = send(RawHttp.head("GET", "/acme/acme/directory", "127.0.0.1:" + server.port), null);

        assertThat(a.status()).as(a.head()).isEqualTo(200);
        assertThat(a.body()).contains("https://127.0.0.1:" + server.port + "/acme/acme/new-order");
    }

    @Test
    void jettysOwnRejectionsAreJson() throws Exception {
        RawHttp.Answer longUri = send(RawHttp.head("GET", "/acme/acme/" + "x".repeat(20_000), host()), null);
        RawHttp.Answer bigHeader = send(RawHttp.head("GET", "/health", host(), "X-Big: " + "y".repeat(20_000)), null);
        RawHttp.Answer badRequest = send("GET /health HTTP/1.1\r\nHost: " + host() + "\r\nBad Header\r\n\r\n", null);

        assertThat(longUri.status()).as(longUri.head()).isEqualTo(414);
        assertThat(bigHeader.status()).as(bigHeader.head()).isEqualTo(431);
        assertThat(badRequest.status()).as(badRequest.head()).isEqualTo(400);
        for (RawHttp.Answer a : java.util.List.of(longUri, bigHeader, badRequest)) {
            assertThat(a.header("Content-Type")).as(a.head()).startsWith("application/json");
            assertThat(a.body()).startsWith("{").doesNotContain("<html");
        }
    }
}
