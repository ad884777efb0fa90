package dev.stile.cli.ca;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.stile.cli.ClientCommands;
import dev.stile.core.Environment;
import dev.stile.authority.CertificateExtensions;
import dev.stile.authority.keys.KeyMaterial;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bootstrap} against a server that answers {@code /root/{fp}} with a certificate whose hash
 * is not {@code fp} (a man in the middle, or the wrong CA): nothing may be trusted or written.
 */
class BootstrapLyingServerIT {

    @TempDir
    Path dir;
    HttpsServer server;
    final AtomicReference<String> served = new AtomicReference<>();
    X509Certificate impostor;

    @BeforeEach
    void start() throws Exception {
        KeyPair keys = KeysAndRequests.generate("EC", "P-256", null);
        impostor = TokenFactoryTest.selfSigned(keys, "localhost");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("tls", java.security.KeyFactory.getInstance("EC").generatePrivate(
                new java.security.spec.PKCS8EncodedKeySpec(keys.getPrivate().getEncoded())),
                "pw".toCharArray(), new X509Certificate[] {impostor});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "pw".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.createContext("/root/", exchange -> {
            served.set(exchange.getRequestURI().getPath());
            String pem = KeyMaterial.toPem(impostor).replace("\n", "\\n");
            byte[] body = ("{\"ca\":\"" + pem + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aRootWhoseHashDiffersFromTheFingerprintIsRefusedAndNothingIsWritten() {
        String asked = "cd".repeat(32);
        String url = "https://127.0.0.1:" + server.getAddress().getPort();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = ClientCommands.commandLine(new Environment(dir.resolve("home"), dir.resolve("client")));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));

        int exit = cl.execute("ca", "bootstrap", "--ca-url", url, "--fingerprint", asked);

        assertThat(served.get()).isEqualTo("/root/" + asked);
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("stile: the CA at " + url + " served a root with fingerprint "
                + CertificateExtensions.sha256Fingerprint(impostor) + ", not --fingerprint " + asked
                + "; nothing was saved (wrong CA, or someone in between)\n");
        assertThat(dir.resolve("client")).doesNotExist();
    }
}
