package dev.stile.server.http.acme;

import dev.stile.server.testsupport.TrustingAcme;
import dev.stile.server.App;
import dev.stile.server.acme.AcmeStores;
import dev.stile.server.config.ConfigLoader;
import dev.stile.server.testsupport.TestCa;
import dev.stile.testsupport.dns.DnsResponder;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.keys.EllipticCurves;
import org.shredzone.acme4j.Session;

import javax.net.ssl.SSLContext;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A running Stile ({@link App#start}) for ACME integration tests: a fresh CA, a fixed free port
 * (so URLs survive {@link #restart()}), a DNS responder that resolves every test name to
 * 127.0.0.1 and answers dns-01 TXT queries, and http-01/tls-alpn-01 responders on the ports the
 * validators dial. Provisioners: {@code acme} (with profiles), {@code eab} (requireEAB),
 * {@code tls-only} (tls-alpn-01 only) and {@code jwk} (not ACME).
 */
final class AcmeTestServer implements AutoCloseable {

    static final String DOMAIN = "stile.test";

    final Path dir;
    final int port;
    final DnsResponder dns;
    final ChallengeResponders responders;
    /** Private key of the {@code jwk} provisioner (kid {@code test-kid}), for step sign tokens. */
    final JsonWebKey jwkProvisionerKey;
    private final SSLContext trust;
    private App app;
    private final java.time.Clock clock;

    /**
     * More than the standard setup (rate limit tests).
     *
     * @param extraProvisioners more provisioner objects, comma-separated, or empty
     * @param extraTopLevel     more top-level members of ca.json, e.g. {@code "rateLimits": {...}}, or empty
     * @param db                the {@code db} object, or empty for H2 in the test folder
     * @param clock             the server's clock
     * @param adminProvisioner  "" or a JWK provisioner object: then the admin API is on and the
     *                          bootstrap super-admin {@code step} is bound to that provisioner
     */
    record Setup(String retryWindow, String extraValidation, String extraProvisioners, String extraTopLevel,
                 String db, java.time.Clock clock, String adminProvisioner) {
        Setup(String retryWindow, String extraValidation, String extraProvisioners, String extraTopLevel,
              String db, java.time.Clock clock) {
            this(retryWindow, extraValidation, extraProvisioners, extraTopLevel, db, clock, "");
        }

        static Setup standard() {
            return new Setup("3s", "", "", "", "", java.time.Clock.systemUTC());
        }

        Setup with(String provisioners, String topLevel, String database) {
            return new Setup(retryWindow, extraValidation, provisioners, topLevel, database, clock, adminProvisioner);
        }

        Setup withClock(java.time.Clock newClock) {
            return new Setup(retryWindow, extraValidation, extraProvisioners, extraTopLevel, db, newClock,
                    adminProvisioner);
        }
    }

    private AcmeTestServer(Path dir, String retryWindow, String extraValidation) throws Exception {
        this(dir, new Setup(retryWindow, extraValidation, "", "", "", java.time.Clock.systemUTC()));
    }

    private AcmeTestServer(Path dir, Setup setup) throws Exception {
        String retryWindow = setup.retryWindow();
        String extraValidation = setup.extraValidation();
        String adminProvisioner = setup.adminProvisioner();
        this.clock = setup.clock();
        this.dir = dir;
        TestCa ca = TestCa.create(dir);
        this.port = freePort();
        this.dns = DnsResponder.start();
        this.responders = new ChallengeResponders();
        for (String name : new String[] {DOMAIN, "www." + DOMAIN, "api." + DOMAIN, "a." + DOMAIN, "b." + DOMAIN,
                "c." + DOMAIN, "d." + DOMAIN, "e." + DOMAIN, "f." + DOMAIN, "g." + DOMAIN, "h." + DOMAIN}) {
            dns.addA(name, "127.0.0.1");
        }
        JsonWebKey jwk = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        jwk.setKeyId("test-kid");
        this.jwkProvisionerKey = jwk;
        String config = """
                {
                  "root": "%1$s/certs/root_ca.crt",
                  "crt": "%1$s/certs/intermediate_ca.crt",
                  "key": "%1$s/secrets/intermediate_ca_key",
                  "address": "127.0.0.1:%2$d",
                  "dnsNames": ["localhost", "127.0.0.1"],
                  "logger": {"format": "text"},
                  "db": %10$s,%9$s
                  "crl": {"enabled": true, "generateOnRevoke": true},
                  "authority": {%12$s"provisioners": [%13$s
                    {"type": "ACME", "name": "acme", "profiles": {
                        "default": {"description": "24 hour certificates"},
                        "shortlived": {"description": "6 hour certificates", "defaultTLSCertDuration": "6h"}}},
                    {"type": "ACME", "name": "eab", "requireEAB": true, "termsOfService": "https://example.com/tos"},
                    {"type": "ACME", "name": "tls-only", "challenges": ["tls-alpn-01"]},
                    {"type": "ACME", "name": "no-loopback", "validation": {"denyNetworks": ["127.0.0.0/8"]}},
                    {"type": "JWK", "name": "jwk", "key": %3$s}%11$s
                  ]},
                  "validation": {"httpPort": %4$d, "tlsPort": %5$d, "resolvers": ["%6$s"], "retryWindow": "%7$s",
                                 "allowNetworks": ["127.0.0.0/8", "::1/128"]%8$s}
                }
                """.formatted(dir, port, jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY),
                responders.httpPort(), responders.tlsPort(), dns.address(), retryWindow,
                extraValidation.isEmpty() ? "" : ", " + extraValidation,
                setup.extraTopLevel().isEmpty() ? "" : "\n  " + setup.extraTopLevel() + ",",
                setup.db().isEmpty() ? "{\"type\": \"h2\", \"dataSource\": \"" + dir + "/db/stile\"}" : setup.db(),
                setup.extraProvisioners().isEmpty() ? "" : ",\n    " + setup.extraProvisioners(),
                adminProvisioner.isEmpty() ? "" : "\"enableAdmin\": true, ",
                adminProvisioner.isEmpty() ? "" : adminProvisioner + ",");
        Files.writeString(ca.config(), config);
        this.trust = TrustingAcme.trusting(ca.rootFile());
        start();
    }

    /** With a 3 s validation retry window, so failing validations end quickly. */
    static AcmeTestServer start(Path dir) throws Exception {
        return new AcmeTestServer(dir, "3s", "");
    }

    static AcmeTestServer start(Path dir, String retryWindow) throws Exception {
        return new AcmeTestServer(dir, retryWindow, "");
    }

    /** @param extraValidation more members of the validation block, e.g. {@code "caa": {...}} */
    static AcmeTestServer start(Path dir, String retryWindow, String extraValidation) throws Exception {
        return new AcmeTestServer(dir, retryWindow, extraValidation);
    }

    /** With the admin API on and {@code step} a super-admin of {@code adminProvisioner} (a JWK provisioner object). */
    static AcmeTestServer startWithAdmin(Path dir, String adminProvisioner) throws Exception {
        return new AcmeTestServer(dir, new Setup("3s", "", "", "", "", java.time.Clock.systemUTC(), adminProvisioner));
    }

    int port() {
        return port;
    }

    /** @param extraProvisioners more provisioner objects for {@code authority.provisioners}, comma-separated */
    static AcmeTestServer startWithProvisioners(Path dir, String retryWindow, String extraProvisioners) throws Exception {
        return new AcmeTestServer(dir, new Setup(retryWindow, "", extraProvisioners, "", "", java.time.Clock.systemUTC()));
    }

    static AcmeTestServer start(Path dir, Setup setup) throws Exception {
        return new AcmeTestServer(dir, setup);
    }

    private void start() {
        app = App.start(ConfigLoader.load(dir.resolve("config/ca.json")),
                new App.Options(TestCa.PASSWORD.toCharArray(), clock,
                        App.Options.withPassword(TestCa.PASSWORD.toCharArray()).stopTimeout()));
    }

    /** Stops and starts the server on the same port and database. */
    void restart() {
        restart(() -> { });
    }

    /** Stops, runs {@code whileStopped}, starts again on the same port and database. */
    void restart(Runnable whileStopped) {
        app.stop();
        app = null;
        whileStopped.run();
        start();
    }

    /** Stops the in-process server, so that a real {@code stile.jar} can serve the same CA on the same port. */
    void stopInProcess() {
        app.stop();
        app = null;
    }

    App app() {
        return app;
    }

    AcmeStores stores() {
        return app.acme().stores();
    }

    /** The CA's current CRL, fetched over HTTPS from {@code /crl} as a relying party would. */
    java.security.cert.X509CRL crl() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().sslContext(trust).build();
        java.net.http.HttpResponse<byte[]> response = client.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + "/crl")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /crl answered " + response.statusCode());
        }
        return (java.security.cert.X509CRL) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCRL(new java.io.ByteArrayInputStream(response.body()));
    }

    String base() {
        return "https://localhost:" + port;
    }

    String directory(String provisioner) {
        return base() + "/acme/" + provisioner + "/directory";
    }

    /** An acme4j session for a provisioner, trusting only the CA's root. */
    Session session(String provisioner) {
        return TrustingAcme.session(directory(provisioner), trust, Duration.ofSeconds(20));
    }

    /** The TLS context trusting only the CA's root (raw-socket tests). */
    SSLContext trust() {
        return trust;
    }

    HttpClient http() {
        return HttpClient.newBuilder().sslContext(trust).connectTimeout(Duration.ofSeconds(5)).build();
    }

    Path rootFile() {
        return dir.resolve("certs/root_ca.crt");
    }

    @Override
    public void close() throws Exception {
        try {
            if (app != null) {
                app.stop();
            }
        } finally {
            responders.close();
            dns.close();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
