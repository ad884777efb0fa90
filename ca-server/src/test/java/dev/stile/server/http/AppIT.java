package dev.stile.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.authority.inventory.CertificateQuery;
import dev.stile.server.App;
import dev.stile.authority.CertificateExtensions;
import dev.stile.authority.keys.KeyMaterial;
import dev.stile.server.config.CaConfig;
import dev.stile.server.config.ConfigLoader;
import dev.stile.server.testsupport.TestCa;
import dev.stile.core.PageRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stile.db.certificates.JdbcCertificateStore;
import dev.stile.authority.Authority;
import dev.stile.authority.IssueRequest;
import dev.stile.authority.IssuedCertificate;
import dev.stile.authority.keys.KeyType;
import dev.stile.authority.init.PkiGenerator;
import dev.stile.authority.ProvisionerIdentity;
import dev.stile.authority.SubjectAlternativeNames;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.util.List;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Boots the whole server through {@link App} on a free port and talks TLS to it, trusting only its root. */
class AppIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static TestCa ca;
    static App app;
    static HttpClient client;

    @BeforeAll
    static void start() {
        ca = TestCa.create(dir);
        CaConfig config = ConfigLoader.load(ca.config());
        RouteModule whoami = routes -> routes.get("/test/whoami", ctx -> ctx.result(PeerCertificates.leaf(ctx)
                .map(c -> c.getSubjectX500Principal().getName()).orElse("anonymous")));
        app = App.start(config, App.Options.withPassword(TestCa.PASSWORD.toCharArray()).withExtraRoutes(whoami));
        client = TestCa.clientTrusting(ca.rootFile());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.stop();
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(url(path)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("https://localhost:" + app.port() + path);
    }

    @Test
    void healthIsOkOverTlsTrustingOnlyTheRoot() throws Exception {
        for (String prefix : new String[] {"", "/1.0"}) {
            HttpResponse<String> r = get(prefix + "/health");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"status\":\"ok\"}\n");
            assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
            assertThat(r.headers().firstValue("x-request-id")).hasValueSatisfying(v -> assertThat(v).hasSize(20));
        }
    }

    @Test
    void serverCertificateCoversTheDnsNamesIncludingTheIpAndIsRecorded() throws Exception {
        HttpResponse<String> byIp = send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + app.port() + "/health"))
                .GET().build());
        assertThat(byIp.statusCode()).isEqualTo(200);
        X509Certificate leaf = (X509Certificate) byIp.sslSession().orElseThrow().getPeerCertificates()[0];
        assertThat(byIp.sslSession().orElseThrow().getPeerCertificates()).hasSize(2);
        Duration lifetime = Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
        assertThat(lifetime).isBetween(Duration.ofHours(24), Duration.ofHours(24).plusMinutes(1));
        assertThat(app.authority().roots()).hasSize(1);
        String serial = leaf.getSerialNumber().toString(16);
        assertThat(app.database()).isNotNull();
        assertThat(new dev.stile.db.certificates.JdbcCertificateStore(app.database()).findBySerial(serial)).isPresent();
    }

    @Test
    void servesRootsIntermediatesAndFederationLikeStepCa() throws Exception {
        X509Certificate root = app.authority().roots().get(0);
        String rootPem = KeyMaterial.toPem(root);

        HttpResponse<String> roots = get("/roots");
        assertThat(roots.statusCode()).isEqualTo(201);
        assertThat(roots.body()).endsWith("}\n");
        assertThat(JSON.readTree(roots.body()).get("crts").get(0).asText()).isEqualTo(rootPem);

        HttpResponse<String> pem = get("/1.0/roots.pem");
        assertThat(pem.statusCode()).isEqualTo(200);
        assertThat(pem.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/x-pem-file"));
        assertThat(pem.body()).isEqualTo(rootPem);

        JsonNode intermediates = JSON.readTree(get("/intermediates").body());
        assertThat(intermediates.get("crts").get(0).asText())
                .isEqualTo(KeyMaterial.toPem(app.authority().intermediates().get(0)));
        assertThat(get("/intermediates.pem").body()).contains("BEGIN CERTIFICATE");
        assertThat(get("/federation").statusCode()).isEqualTo(201);

        String sum = CertificateExtensions.sha256Fingerprint(root);
        HttpResponse<String> byFingerprint = get("/root/" + sum.toUpperCase());
        assertThat(byFingerprint.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(byFingerprint.body()).get("ca").asText()).isEqualTo(rootPem);

        HttpResponse<String> missing = get("/1.0/root/" + "ab".repeat(32));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).get("status").asInt()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).get("message").asText()).contains("was not found");
    }

    @Test
    void versionHeadUnknownPathsAndRequestIds() throws Exception {
        assertThat(JSON.readTree(get("/version").body()).get("version").asText()).isNotBlank();

        HttpResponse<String> head = send(HttpRequest.newBuilder(url("/health"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();

        HttpResponse<String> unknown = get("/no/such/thing");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("404 page not found\n");
        assertThat(unknown.headers().firstValue("x-request-id")).isPresent();

        HttpResponse<String> echoed = send(HttpRequest.newBuilder(url("/health")).header("X-Request-Id", "abc-123").GET().build());
        assertThat(echoed.headers().firstValue("x-request-id")).hasValue("abc-123");

        HttpResponse<String> wrongMethod = send(HttpRequest.newBuilder(url("/health"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
    }

    @Test
    void clientCertificatesAreOptionalButVerifiedWhenSent() throws Exception {
        assertThat(get("/test/whoami").body()).isEqualTo("anonymous");

        KeyPair own = KeyType.EC_P256.generate();
        IssuedCertificate issued = app.authority().issue(new IssueRequest(own.getPublic(), "client.example",
                SubjectAlternativeNames.classify(List.of("client.example")), null, null, null,
                new ProvisionerIdentity("test", "JWK", "kid"), "AppIT"));
        HttpClient mtls = clientWithCertificate(own, issued.chain());
        HttpResponse<String> r = mtls.send(HttpRequest.newBuilder(url("/test/whoami")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).isEqualTo("CN=client.example");

        // A certificate from another CA (sent even though the server's CA list does not name its
        // issuer) fails the handshake instead of being ignored.
        KeyPair stranger = KeyType.EC_P256.generate();
        PkiGenerator.Pki other = new PkiGenerator(Clock.systemUTC()).generate("Other", KeyType.EC_P256);
        Authority otherCa = new Authority(List.of(other.root()), List.of(other.intermediate()), other.intermediateKey(),
                new JdbcCertificateStore(app.database()), Clock.systemUTC());
        IssuedCertificate foreign = otherCa.issue(new IssueRequest(stranger.getPublic(), "stranger", null, null, null,
                null, new ProvisionerIdentity("test", "JWK", "kid"), "AppIT"));
        HttpClient rejected = clientForcingCertificate(stranger, foreign.chain());
        assertThatThrownBy(() -> rejected.send(HttpRequest.newBuilder(url("/test/whoami")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }

    private static HttpClient clientForcingCertificate(KeyPair key, List<X509Certificate> chain) throws Exception {
        X509Certificate[] certs = chain.toArray(new X509Certificate[0]);
        X509ExtendedKeyManager always = new X509ExtendedKeyManager() {
            @Override public String[] getClientAliases(String t, Principal[] i) { return new String[] {"c"}; }
            @Override public String chooseClientAlias(String[] t, Principal[] i, Socket s) { return "c"; }
            @Override public String chooseEngineClientAlias(String[] t, Principal[] i, SSLEngine e) { return "c"; }
            @Override public String[] getServerAliases(String t, Principal[] i) { return null; }
            @Override public String chooseServerAlias(String t, Principal[] i, Socket s) { return null; }
            @Override public X509Certificate[] getCertificateChain(String alias) { return certs; }
            @Override public PrivateKey getPrivateKey(String alias) { return key.getPrivate(); }
        };
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", app.authority().roots().get(0));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(new KeyManager[] {always}, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).build();
    }

    private static HttpClient clientWithCertificate(KeyPair key, List<X509Certificate> chain) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("client", key.getPrivate(), "pw".toCharArray(), chain.toArray(new Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "pw".toCharArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", app.authority().roots().get(0));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).build();
    }

    @Test
    void aClientTrustingAnotherRootRefusesTheServer() {
        HttpClient stranger = TestCa.clientTrusting(TestCa.create(dir.resolve("other")).rootFile());
        assertThatThrownBy(() -> stranger.send(HttpRequest.newBuilder(url("/health")).build(),
                HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void renewingSwapsTheCertificateWithoutARestart() throws Exception {
        BigInteger before = app.serverCertificate().current().getSerialNumber();
        app.serverCertificate().renew();
        BigInteger after = app.serverCertificate().current().getSerialNumber();
        assertThat(after).isNotEqualTo(before);
        // A new connection sees the new certificate.
        HttpClient fresh = TestCa.clientTrusting(ca.rootFile());
        HttpResponse<String> r = fresh.send(HttpRequest.newBuilder(url("/health")).build(), HttpResponse.BodyHandlers.ofString());
        X509Certificate served = (X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0];
        assertThat(served.getSerialNumber()).isEqualTo(after);
        assertThat(new dev.stile.db.certificates.JdbcCertificateStore(app.database())
                .list(new CertificateQuery(null, "stile-server", null), PageRequest.first(10)).items())
                .hasSizeGreaterThanOrEqualTo(2);
    }
}
