package dev.stile.cli.ca;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stile.server.App;
import dev.stile.cli.ClientCommands;
import dev.stile.core.Environment;
import dev.stile.authority.init.CaInitializer;
import dev.stile.authority.CertificateExtensions;
import dev.stile.authority.init.InitOptions;
import dev.stile.authority.keys.KeyMaterial;
import dev.stile.authority.keys.KeyType;
import dev.stile.server.config.ConfigLoader;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CA made by {@code stile init} (one JWK provisioner, password {@link #PROVISIONER_PASSWORD}),
 * served by {@link App#start} on a fixed free port so it can be restarted at the same URL, plus a
 * way to run {@code stile} commands in-process with their own client home.
 * Claims allow certificates of a few seconds and renewal after expiry; backdate is 0 so the
 * daemon's 2/3 schedule is exact.
 */
final class LiveCa implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String CA_PASSWORD = "ca-secret";
    static final String PROVISIONER = "admin@example.com";
    static final String PROVISIONER_PASSWORD = "prov-secret";

    /** What one command printed and returned. */
    record Run(int exit, String out, String err) {
    }

    final Path dir;
    final Path caDir;
    final Path clientHome;
    final Path passwordFile;
    final String caUrl;
    final String fingerprint;
    private App app;

    private LiveCa(Path dir, int port) throws IOException {
        this.dir = dir;
        this.caDir = dir.resolve("ca");
        this.clientHome = dir.resolve("client");
        new CaInitializer().initialize(new InitOptions(caDir, "Test", List.of("localhost", "127.0.0.1"),
                "127.0.0.1:" + port, PROVISIONER, CA_PASSWORD.toCharArray(), PROVISIONER_PASSWORD.toCharArray(), false,
                KeyType.EC_P256));
        Path caJson = caDir.resolve("config/ca.json");
        ObjectNode config = (ObjectNode) JSON.readTree(caJson.toFile());
        ((ObjectNode) config.get("authority")).put("backdate", "0s");
        ObjectNode claims = ((ObjectNode) config.get("authority").get("provisioners").get(0)).putObject("claims");
        claims.put("minTLSCertDuration", "2s");
        claims.put("allowRenewalAfterExpiry", true);
        Files.writeString(caJson, JSON.writeValueAsString(config));
        this.passwordFile = dir.resolve("prov-password");
        Files.writeString(passwordFile, PROVISIONER_PASSWORD + "\n");
        this.caUrl = "https://127.0.0.1:" + port;
        this.fingerprint = CertificateExtensions.sha256Fingerprint(
                KeyMaterial.readCertificates(caDir.resolve("certs/root_ca.crt")).get(0));
    }

    static LiveCa start(Path dir) throws IOException {
        LiveCa ca = new LiveCa(dir, freePort());
        ca.start();
        return ca;
    }

    /** (Re)starts the server with the same configuration, database and port. */
    void start() {
        app = App.start(ConfigLoader.load(caDir.resolve("config/ca.json")), App.Options.withPassword(CA_PASSWORD.toCharArray()));
    }

    void stop() {
        if (app != null) {
            app.stop();
            app = null;
        }
    }

    boolean running() {
        return app != null;
    }

    @Override
    public void close() {
        stop();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Runs {@code stile ARGS} in-process with this CA's client home. */
    Run stile(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = ClientCommands.commandLine(new Environment(dir.resolve("stile-home"), clientHome));
        cl.setOut(out);
        cl.setErr(err);
        return cl;
    }

    /** {@code stile ca bootstrap} against this CA. */
    void bootstrap() {
        Run run = stile("ca", "bootstrap", "--ca-url", caUrl, "--fingerprint", fingerprint, "--force");
        assertThat(run.exit()).as(run.toString()).isZero();
    }

    /** {@code stile ca certificate SUBJECT CRT KEY --not-after NOT_AFTER} with the provisioner password. */
    void enroll(String subject, Path crt, Path key, String notAfter) {
        Run run = stile("ca", "certificate", subject, crt.toString(), key.toString(),
                "--password-file", passwordFile.toString(), "--not-after", notAfter);
        assertThat(run.exit()).as(run.toString()).isZero();
    }

    static void assertOneLineError(Run run, int exit, String... fragments) {
        assertThat(run.exit()).as(run.toString()).isEqualTo(exit);
        assertThat(run.err()).startsWith("stile: ").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains(fragments);
    }

    static X509Certificate leaf(Path crt) {
        return KeyMaterial.readCertificates(crt).get(0);
    }
}
