package dev.stile.server.cli;

import com.sun.net.httpserver.HttpServer;
import dev.stile.acme.validation.KeyAuthorizations;
import dev.stile.testsupport.dns.DnsResponder;
import dev.stile.testsupport.tls.AlpnResponder;
import dev.stile.testsupport.tls.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code stile doctor validate} against a DNS responder and an HTTP server on loopback. */
class DoctorValidateCommandIT {

    private static final String NAME = "acme-test.home.example.net";
    private static final String TOKEN = "tok3n";
    /** Shaped like a real key authorization (a 43-character thumbprint), so errors may quote it. */
    private static final String KEY_AUTH = TOKEN + ".thumb" + "x".repeat(38);

    @TempDir
    Path dir;

    private DnsResponder dns;
    private HttpServer http;
    private Path caJson;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws Exception {
        dns = DnsResponder.start();
        dns.addA(NAME, "127.0.0.1");
        http = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        http.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            byte[] body = KEY_AUTH.getBytes(StandardCharsets.UTF_8);
            if (path.equals("/old/" + TOKEN)) {
                ex.getResponseHeaders().add("Location", "/.well-known/acme-challenge/" + TOKEN);
                ex.sendResponseHeaders(301, -1);
            } else if (path.equals("/.well-known/acme-challenge/" + TOKEN)) {
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(body);
                }
            } else if (path.equals("/.well-known/acme-challenge/redirected")) {
                ex.getResponseHeaders().add("Location", "/old/" + TOKEN);
                ex.sendResponseHeaders(302, -1);
            } else {
                ex.sendResponseHeaders(404, -1);
            }
            ex.close();
        });
        http.start();
        Files.createDirectories(dir.resolve("certs"));
        Files.createDirectories(dir.resolve("secrets"));
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("certs/root_ca.crt"), "root");
        Files.writeString(dir.resolve("certs/intermediate_ca.crt"), "crt");
        Files.writeString(dir.resolve("secrets/intermediate_ca_key"), "key");
        caJson = dir.resolve("config/ca.json");
        writeConfig("{\"httpPort\": " + http.getAddress().getPort() + ", \"resolvers\": [\"" + dns.address()
                + "\"], \"queryTimeout\": \"200ms\", \"tries\": 2}");
    }

    @AfterEach
    void stop() {
        dns.close();
        http.stop(0);
    }

    private void writeConfig(String validation) throws Exception {
        // The responders are on loopback, which the egress policy refuses unless allowed.
        validation = validation.replaceFirst("^\\{", "{\"allowNetworks\": [\"127.0.0.0/8\"], ");
        Files.writeString(caJson, "{\"root\": \"certs/root_ca.crt\", \"crt\": \"certs/intermediate_ca.crt\","
                + " \"key\": \"secrets/intermediate_ca_key\", \"address\": \":9000\", \"validation\": " + validation + "}");
    }

    private int run(String... args) {
        CommandLine cli = new CommandLine(new DoctorCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void http01ValidPrintsEveryHopAndExitsZero() {
        int code = run("validate", "--config", caJson.toString(), "--type", "http-01", "--name", NAME,
                "--token", TOKEN, "--key-authorization", KEY_AUTH);

        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(out.toString())
                .contains("stile doctor: http-01 for " + NAME)
                .contains("resolvers for " + NAME + ": " + dns.address())
                .contains("query:     A/AAAA " + NAME)
                .contains("resolver:  " + dns.address())
                .contains("A: NOERROR, 1 A")
                .contains("url:       http://" + NAME + "/.well-known/acme-challenge/" + TOKEN)
                .contains("connect:   127.0.0.1:" + http.getAddress().getPort())
                .contains("result:    HTTP 200 (" + KEY_AUTH.length() + " bytes), body \"" + KEY_AUTH + "\"")
                .contains("verdict: VALID");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void redirectsAreShownHopByHop() {
        int code = run("validate", "--config", caJson.toString(), "--type", "http-01", "--name", NAME,
                "--token", "redirected", "--key-authorization", "redirected.x");

        assertThat(code).isEqualTo(1); // the final body is another token's key authorization
        assertThat(out.toString())
                .contains("result:    HTTP 302 -> /old/" + TOKEN)
                .contains("result:    HTTP 301 -> /.well-known/acme-challenge/" + TOKEN)
                .contains("verdict: INVALID (incorrectResponse")
                .contains("with \"" + KEY_AUTH + "\" instead of the key authorization \"redirected.x\"");
    }

    @Test
    void dns01ShowsTheTxtValuesSeen() {
        dns.addTxt("_acme-challenge." + NAME, "stale");

        int code = run("validate", "--config", caJson.toString(), "--type", "dns-01", "--name", "*." + NAME,
                "--token", TOKEN, "--key-authorization", KEY_AUTH);

        assertThat(code).isEqualTo(1);
        assertThat(out.toString())
                .contains("query:     TXT _acme-challenge." + NAME)
                .contains("NOERROR, 1 TXT", "\"stale\"")
                .contains("verdict: INVALID (incorrectResponse")
                .contains(KeyAuthorizations.dnsTxtValue(KEY_AUTH));

        dns.addTxt("_acme-challenge." + NAME, KeyAuthorizations.dnsTxtValue(KEY_AUTH));
        out.getBuffer().setLength(0);
        assertThat(run("validate", "--config", caJson.toString(), "--type", "dns-01", "--name", NAME,
                "--token", TOKEN, "--key-authorization", KEY_AUTH)).isZero();
    }

    @Test
    void tlsAlpn01ThroughTheSameResolution() throws Exception {
        byte[] digest = KeyAuthorizations.sha256(KEY_AUTH);
        try (AlpnResponder alpn = AlpnResponder.start(TestCertificates.acmeTlsAlpn(NAME, digest, true), true)) {
            writeConfig("{\"tlsPort\": " + alpn.port() + ", \"resolvers\": [\"" + dns.address() + "\"]}");

            int code = run("validate", "--config", caJson.toString(), "--type", "tls-alpn-01", "--name", NAME,
                    "--token", TOKEN, "--key-authorization", KEY_AUTH);

            assertThat(code).as(out.toString()).isZero();
            assertThat(out.toString()).contains("ports: http 80, tls " + alpn.port())
                    .contains("connect:   127.0.0.1:" + alpn.port())
                    .contains("result:    acme-tls/1 certificate matches")
                    .contains("verdict: VALID");
        }
    }

    @Test
    void aDeadResolverIsNamedAsTheCause() {
        dns.silent(true);

        int code = run("validate", "--config", caJson.toString(), "--type", "http-01", "--name", NAME);

        assertThat(code).isEqualTo(1);
        assertThat(out.toString())
                .contains("verdict: TRANSIENT (dns")
                .contains("DNS lookup of A/AAAA " + NAME + " via " + dns.address() + " timed out 4 times (UDP and TCP).")
                .contains("retries this kind of failure for up to 1m30s");
    }

    @Test
    void theResolverFlagOverridesTheConfig() throws Exception {
        try (DnsResponder other = DnsResponder.start()) {
            other.addA(NAME, "127.0.0.1");
            dns.silent(true);

            int code = run("validate", "--config", caJson.toString(), "--type", "http-01", "--name", NAME,
                    "--token", TOKEN, "--key-authorization", KEY_AUTH, "--resolver", other.address());

            assertThat(code).as(out.toString()).isZero();
            assertThat(dns.queries()).isEmpty();
        }
    }

    @Test
    void theProvisionerFlagUsesThatProvisionersResolverAndZones() throws Exception {
        try (DnsResponder home = DnsResponder.start(); DnsResponder lan = DnsResponder.start()) {
            home.addA(NAME, "127.0.0.1");
            lan.addA("nas.lan.example.net", "127.0.0.1");
            Files.writeString(caJson, "{\"root\": \"certs/root_ca.crt\", \"crt\": \"certs/intermediate_ca.crt\","
                    + " \"key\": \"secrets/intermediate_ca_key\", \"address\": \":9000\","
                    + " \"authority\": {\"provisioners\": [{\"type\": \"ACME\", \"name\": \"home\", \"validation\": {"
                    + "\"resolvers\": [\"" + home.address() + "\"], \"zones\": {\"lan.example.net\": [\"" + lan.address()
                    + "\"]}, \"allowNetworks\": [\"127.0.0.0/8\"]}}]},"
                    + " \"validation\": {\"httpPort\": " + http.getAddress().getPort() + ", \"resolvers\": [\"" + dns.address()
                    + "\"], \"queryTimeout\": \"200ms\", \"tries\": 2}}");

            int code = run("validate", "--config", caJson.toString(), "--provisioner", "home", "--type", "http-01",
                    "--name", NAME, "--token", TOKEN, "--key-authorization", KEY_AUTH);
            assertThat(code).as(out + "\n" + err).isZero();
            assertThat(out.toString()).contains("(settings of ACME provisioner home)")
                    .contains("resolvers for " + NAME + ": " + home.address());
            assertThat(home.queriesFor(NAME)).isNotEmpty();
            assertThat(dns.queriesFor(NAME)).as("the global resolver").isEmpty();

            run("validate", "--config", caJson.toString(), "--provisioner", "home", "--type", "http-01",
                    "--name", "nas.lan.example.net");
            assertThat(lan.queriesFor("nas.lan.example.net")).as("the provisioner's zone forwarder").isNotEmpty();
            assertThat(home.queriesFor("nas.lan.example.net")).isEmpty();

            // Without --provisioner: the global block.
            dns.clearQueries();
            run("validate", "--config", caJson.toString(), "--type", "http-01", "--name", NAME,
                    "--token", TOKEN, "--key-authorization", KEY_AUTH);
            assertThat(dns.queriesFor(NAME)).isNotEmpty();

            err.getBuffer().setLength(0);
            assertThat(run("validate", "--config", caJson.toString(), "--provisioner", "nope", "--type", "http-01",
                    "--name", NAME)).isEqualTo(2);
            assertThat(err.toString()).startsWith("stile: ").contains("--provisioner: no ACME provisioner named \"nope\"")
                    .contains("(ACME provisioners: home)");
        }
    }

    @Test
    void usageAndConfigErrorsAreOneLineAndExitTwo() throws Exception {
        assertThat(run("validate", "--config", caJson.toString(), "--type", "http-02", "--name", NAME)).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("stile: --type: \"http-02\" is not http-01, dns-01 or tls-alpn-01\n");

        err.getBuffer().setLength(0);
        assertThat(run("validate", "--config", caJson.toString(), "--type", "http-01", "--name", NAME,
                "--token", TOKEN)).isEqualTo(2);
        assertThat(err.toString()).startsWith("stile: --token and --key-authorization go together");

        err.getBuffer().setLength(0);
        writeConfig("{\"resolvers\": [\"dns.google:53\"]}");
        assertThat(run("validate", "--config", caJson.toString(), "--type", "http-01", "--name", NAME)).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("stile: " + caJson.toAbsolutePath().normalize()
                + ": validation.resolvers: \"dns.google:53\" must be an IP address with an optional port, such as 10.96.0.10:53\n");

        err.getBuffer().setLength(0);
        assertThat(run("validate", "--config", dir.resolve("nope.json").toString(), "--type", "http-01",
                "--name", NAME)).isEqualTo(2);
        assertThat(err.toString()).startsWith("stile: ").contains("nope.json").contains("does not exist");

        err.getBuffer().setLength(0);
        assertThat(run("validate", "--type", "http-01", "--name", NAME)).isEqualTo(2);
        assertThat(err.toString()).contains("--config");
    }
}
