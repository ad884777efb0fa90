package dev.stile.server.http.acme;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.acme.testing.TestJws;
import dev.stile.acme.testing.TestKeys;
import org.jose4j.jwk.PublicJsonWebKey;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.UnaryOperator;

/** ACME over plain HTTP requests, for tests that need to send what no well-behaved client sends. */
final class RawAcme {

    static final ObjectMapper JSON = new ObjectMapper();

    final AcmeTestServer server;
    final String provisioner;
    final HttpClient http;
    final PublicJsonWebKey key;
    String accountUrl;

    RawAcme(AcmeTestServer server, String provisioner) {
        this.server = server;
        this.provisioner = provisioner;
        this.http = server.http();
        this.key = TestKeys.ec256();
    }

    String url(String path) {
        return server.base() + "/acme/" + provisioner + "/" + path;
    }

    String nonce() throws IOException, InterruptedException {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url("new-nonce")))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        return r.headers().firstValue("Replay-Nonce").orElseThrow();
    }

    /** Creates the account (jwk-signed new-account) and remembers its URL. */
    RawAcme register() throws IOException, InterruptedException {
        HttpResponse<String> r = send(url("new-account"), TestJws.signedBy(key).payload("{\"termsOfServiceAgreed\":true}"));
        if (r.statusCode() != 201) {
            throw new IllegalStateException("new-account answered " + r.statusCode() + ": " + r.body());
        }
        accountUrl = r.headers().firstValue("Location").orElseThrow();
        return this;
    }

    /** A kid-signed POST of {@code payload} ("" = POST-as-GET) to {@code url}. */
    HttpResponse<String> post(String url, String payload) throws IOException, InterruptedException {
        return send(url, TestJws.signedBy(key).kid(accountUrl).payload(payload));
    }

    /** Sends the JWS with a fresh nonce and the given url unless the JWS already names them. */
    HttpResponse<String> send(String url, TestJws jws) throws IOException, InterruptedException {
        return send(url, jws.nonce(nonce()).url(url), b -> b.header("Content-Type", "application/jose+json"));
    }

    HttpResponse<String> send(String url, TestJws jws, UnaryOperator<HttpRequest.Builder> customize)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofByteArray(jws.body()));
        return http.send(customize.apply(b).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }
}
