package dev.stile.server.testsupport;

import dev.stile.authority.keys.KeyMaterial;
import dev.stile.authority.keys.KeyType;
import dev.stile.authority.init.PkiGenerator;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A CA directory in step's layout for tests: root and intermediate generated, key encrypted with
 * {@link #PASSWORD}, and a ca.json listening on 127.0.0.1 port 0 with an H2 database.
 */
public final class TestCa {

    public static final String PASSWORD = "test-password";

    private final Path dir;

    private TestCa(Path dir) {
        this.dir = dir;
    }

    public static TestCa create(Path dir) {
        try {
            PkiGenerator.Pki pki = new PkiGenerator(Clock.systemUTC()).generate("Test", KeyType.EC_P256);
            Files.createDirectories(dir.resolve("certs"));
            Files.createDirectories(dir.resolve("secrets"));
            Files.createDirectories(dir.resolve("config"));
            Files.createDirectories(dir.resolve("db"));
            KeyMaterial.writeCertificates(dir.resolve("certs/root_ca.crt"), List.of(pki.root()));
            KeyMaterial.writeCertificates(dir.resolve("certs/intermediate_ca.crt"), List.of(pki.intermediate()));
            KeyMaterial.writeEncryptedPrivateKey(dir.resolve("secrets/intermediate_ca_key"), pki.intermediateKey(),
                    PASSWORD.toCharArray());
            Files.writeString(dir.resolve("config/ca.json"), """
                    {
                      "root": "%1$s/certs/root_ca.crt",
                      "federatedRoots": null,
                      "crt": "%1$s/certs/intermediate_ca.crt",
                      "key": "%1$s/secrets/intermediate_ca_key",
                      "address": "127.0.0.1:0",
                      "dnsNames": ["localhost", "127.0.0.1"],
                      "logger": {"format": "text"},
                      "db": {"type": "h2", "dataSource": "%1$s/db/stile"},
                      "authority": {"provisioners": [{"type": "ACME", "name": "acme"}]}
                    }
                    """.formatted(dir));
            return new TestCa(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    public Path config() {
        return dir.resolve("config/ca.json");
    }

    public Path rootFile() {
        return dir.resolve("certs/root_ca.crt");
    }

    /** An HTTP client that trusts only the given root certificate file. */
    public static HttpClient clientTrusting(Path rootPem) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (X509Certificate c : KeyMaterial.readCertificates(rootPem)) {
                trust.setCertificateEntry("root" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
