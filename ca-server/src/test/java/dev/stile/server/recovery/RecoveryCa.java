package dev.stile.server.recovery;

import dev.stile.server.testsupport.TrustingAcme;
import com.sun.net.httpserver.HttpServer;
import dev.stile.server.testsupport.TestCa;
import dev.stile.testsupport.dns.DnsResponder;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.keys.EllipticCurves;
import org.shredzone.acme4j.Session;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One CA for the recovery tests, servable by several {@link StileProcess}es ({@link Node}s: own
 * port, same keys and database): ACME provisioner {@code acme} validating against a DNS responder
 * and an http-01 responder on 127.0.0.1, and JWK provisioner {@code jwk} for {@code /1.0/sign}.
 */
final class RecoveryCa implements AutoCloseable {

    static final String PROVISIONER_KID = "recovery-kid";
    /** Names under which http-01 and dns-01 are answered. */
    static final String DOMAIN = "recovery.test";

    private final Path dir;
    private final TestCa ca;
    final DnsResponder dns;
    private final HttpServer http;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    final EllipticCurveJsonWebKey provisionerKey;
    private final SSLContext trust;

    /** A ca.json this CA is served with and the port it listens on. */
    record Node(String name, Path config, int port) {
        String base() {
            return "https://localhost:" + port;
        }

        String directory() {
            return base() + "/acme/acme/directory";
        }
    }

    RecoveryCa(Path dir) throws Exception {
        this.dir = dir;
        this.ca = TestCa.create(dir);
        this.dns = DnsResponder.start();
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        http.createContext("/.well-known/acme-challenge/", exchange -> {
            String token = exchange.getRequestURI().getPath().substring("/.well-known/acme-challenge/".length());
            String body = tokens.get(token);
            byte[] bytes = (body == null ? "not yet" : body).getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(body == null ? 503 : 200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        http.start();
        this.provisionerKey = (EllipticCurveJsonWebKey) EcJwkGenerator.generateJwk(EllipticCurves.P256);
        provisionerKey.setKeyId(PROVISIONER_KID);
        Files.writeString(passwordFile(), TestCa.PASSWORD + "\n");
        this.trust = TrustingAcme.trusting(ca.rootFile());
    }

    Path dir() {
        return dir;
    }

    Path passwordFile() {
        return dir.resolve("password.txt");
    }

    /** Serves the key authorization for an http-01 token (until then the responder answers 503, "try again"). */
    void serveToken(String token, String keyAuthorization) {
        tokens.put(token, keyAuthorization);
    }

    /**
     * Writes {@code config/<name>.json} on a free port.
     *
     * @param db the ca.json {@code db} object
     */
    Node node(String name, String db) throws IOException {
        int port = freePort();
        Path config = dir.resolve("config/" + name + ".json");
        // The http-01 responder listens on loopback, which the egress policy refuses unless allowed;
        // the crash load issues hundreds of certificates for a few names, far over the default
        // certificates-per-name limit, so rate limits are off here.
        Files.writeString(config, """
                {
                  "root": "%1$s/certs/root_ca.crt",
                  "crt": "%1$s/certs/intermediate_ca.crt",
                  "key": "%1$s/secrets/intermediate_ca_key",
                  "address": "127.0.0.1:%2$d",
                  "dnsNames": ["localhost", "127.0.0.1"],
                  "logger": {"format": "text"},
                  "db": %3$s,
                  "rateLimits": {"enabled": false},
                  "authority": {"provisioners": [
                    {"type": "ACME", "name": "acme"},
                    {"type": "JWK", "name": "jwk", "key": %4$s}
                  ]},
                  "validation": {"httpPort": %5$d, "resolvers": ["%6$s"], "retryWindow": "120s",
                                 "allowNetworks": ["127.0.0.0/8"]}
                }
                """.formatted(dir, port, db, provisionerKey.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY),
                http.getAddress().getPort(), dns.address()));
        return new Node(name, config, port);
    }

    /** The H2 {@code db} object of this CA. */
    String h2() {
        return "{\"type\": \"h2\", \"dataSource\": \"" + dir + "/db/stile\"}";
    }

    /** An HTTPS client trusting only this CA's root. */
    HttpClient http() {
        return HttpClient.newBuilder().sslContext(trust).connectTimeout(Duration.ofSeconds(3)).build();
    }

    /** An acme4j session for the {@code acme} provisioner of a node. */
    Session session(Node node) {
        return TrustingAcme.session(node.directory(), trust, Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        http.stop(0);
        dns.close();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
