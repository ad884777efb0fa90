package dev.stile.server.http.acme;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.provisioners.jwe.EncryptedKeys;
import dev.stile.cli.ClientCommands;
import dev.stile.core.Environment;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.EllipticCurves;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.util.KeyPairUtils;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An ACME test server with the admin API on: JWK provisioner {@value #PROVISIONER} (encrypted key,
 * password in {@link #passwordFile}) whose super-admin is {@code step}, and {@code stile} run in
 * process with its own client home. Shared by the admin CLI and browser tests.
 */
final class AdminConsoleCa implements AutoCloseable {

    static final String PROVISIONER = "admin@stile.test";
    static final String PASSWORD = "correct horse battery staple";
    private static final ObjectMapper JSON = new ObjectMapper();

    final AcmeTestServer server;
    final Path passwordFile;
    final Path clientHome;

    /** The output of one {@code stile} run. */
    record Run(int exit, String out, String err) {
    }

    private AdminConsoleCa(AcmeTestServer server, Path passwordFile, Path clientHome) {
        this.server = server;
        this.passwordFile = passwordFile;
        this.clientHome = clientHome;
    }

    static AdminConsoleCa start(Path dir) throws Exception {
        PublicJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        key.setKeyId("admin-kid");
        // Fewer PBES2 rounds than step's 600 000 keep each password check fast in tests.
        String provisioner = "{\"type\": \"JWK\", \"name\": \"" + PROVISIONER + "\", \"key\": "
                + key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + ", \"encryptedKey\": "
                + JSON.writeValueAsString(EncryptedKeys.encrypt(key, PASSWORD.toCharArray(), 10_000)) + "}";
        Path caDir = Files.createDirectories(dir.resolve("ca"));
        AcmeTestServer server = AcmeTestServer.startWithAdmin(caDir, provisioner);
        Path password = dir.resolve("password");
        Files.writeString(password, PASSWORD + "\n");
        return new AdminConsoleCa(server, password, dir.resolve("client"));
    }

    String caUrl() {
        return "https://localhost:" + server.port();
    }

    /** {@code stile ARGS} in process, with this fixture's client home. */
    Run stile(String... args) {
        CommandLine cl = ClientCommands.commandLine(new Environment(clientHome.resolveSibling("stile-home"), clientHome));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** The command contract: {@code stile admin console-url ...} printing one line, the URL. */
    String consoleUrl() {
        Run run = stile("admin", "console-url", "--ca-url", caUrl(), "--root", server.rootFile().toString(),
                "--provisioner", PROVISIONER, "--password-file", passwordFile.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).endsWith("\n").doesNotContain("\r");
        String[] lines = run.out().split("\n");
        assertThat(lines).hasSize(1);
        assertThat(lines[0]).startsWith(caUrl() + "/admin/console/login?token=");
        return lines[0];
    }

    /** A certificate for {@code name} through ACME (http-01), as cert-manager would get one. */
    X509Certificate issueViaAcme(String name) throws Exception {
        Login login = new AccountBuilder().agreeToTermsOfService().useKeyPair(KeyPairUtils.createECKeyPair("secp256r1"))
                .createLogin(server.session("acme"));
        Order order = login.getAccount().newOrder().domain(name).create();
        AcmeFlows.complete(server, order, Http01Challenge.TYPE);
        Certificate certificate = order.getCertificate();
        return certificate.getCertificate();
    }

    /** A dns-01 challenge that fails for real: no TXT record at the test DNS server. */
    void failDns01(String name) throws Exception {
        Login login = new AccountBuilder().agreeToTermsOfService().useKeyPair(KeyPairUtils.createECKeyPair("secp256r1"))
                .createLogin(server.session("acme"));
        Order order = login.getAccount().newOrder().domain(name).create();
        Authorization authz = order.getAuthorizations().get(0);
        Dns01Challenge challenge = authz.findChallenge(Dns01Challenge.class).orElseThrow();
        challenge.trigger();
        assertThat(challenge.waitForCompletion(AcmeFlows.WAIT)).isEqualTo(Status.INVALID);
    }

    /** An ACME account on the EAB provisioner, bound with a key the admin created. */
    Account accountWithEab(String keyId, String hmacBase64) throws Exception {
        // The admin API's JSON carries standard base64 (protojson bytes); the console and the
        // table show base64url, which acme4j takes. Either is accepted here.
        String base64url = hmacBase64.replace('+', '-').replace('/', '_').replaceAll("=+$", "");
        return new AccountBuilder().agreeToTermsOfService().useKeyPair(KeyPairUtils.createECKeyPair("secp256r1"))
                .withKeyIdentifier(keyId, base64url).create(server.session("eab"));
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
