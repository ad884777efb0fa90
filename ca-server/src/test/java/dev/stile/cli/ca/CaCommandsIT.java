package dev.stile.cli.ca;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.authority.keys.KeyMaterial;
import dev.stile.cli.ca.LiveCa.Run;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.List;

import static dev.stile.cli.ca.LiveCa.assertOneLineError;
import static dev.stile.cli.ca.LiveCa.leaf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code stile ca} command against a live CA started with {@link App#start}: bootstrap,
 * health, roots, provisioner list, token, certificate, renew (mTLS, after expiry), revoke (token
 * and mTLS), and the errors an operator meets. The daemon has its own class, {@link RenewDaemonIT}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CaCommandsIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String PROVISIONER = LiveCa.PROVISIONER;

    @TempDir
    static Path dir;
    static LiveCa ca;
    static Path clientHome;
    static Path caDir;
    static Path passwordFile;
    static String caUrl;
    static String fingerprint;
    static Path shortCrt;
    static Path shortKey;

    @BeforeAll
    static void startCa() throws Exception {
        ca = LiveCa.start(dir);
        clientHome = ca.clientHome;
        caDir = ca.caDir;
        passwordFile = ca.passwordFile;
        caUrl = ca.caUrl;
        fingerprint = ca.fingerprint;
        shortCrt = dir.resolve("short.crt");
        shortKey = dir.resolve("short.key");
    }

    @AfterAll
    static void stopCa() {
        ca.close();
    }

    static Run stile(String... args) {
        return ca.stile(args);
    }

    @Test
    @Order(1)
    void bootstrapWithAWrongFingerprintFailsAndWritesNothing() {
        String wrong = "ab".repeat(32);
        Run run = stile("ca", "bootstrap", "--ca-url", caUrl, "--fingerprint", wrong);
        assertOneLineError(run, 1, caUrl + "/root/" + wrong, "HTTP 404", "was not found");
        assertThat(clientHome.resolve("config/defaults.json")).doesNotExist();

        Run malformed = stile("ca", "bootstrap", "--ca-url", caUrl, "--fingerprint", "1234");
        assertOneLineError(malformed, 2, "--fingerprint \"1234\"");
    }

    @Test
    @Order(2)
    void bootstrapSavesRootAndDefaultsLikeStep() throws Exception {
        Run run = stile("ca", "bootstrap", "--ca-url", caUrl, "--fingerprint", fingerprint.toUpperCase());
        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode defaults = JSON.readTree(clientHome.resolve("config/defaults.json").toFile());
        assertThat(defaults.get("ca-url").asText()).isEqualTo(caUrl);
        assertThat(defaults.get("fingerprint").asText()).isEqualTo(fingerprint);
        assertThat(defaults.get("root").asText()).isEqualTo(clientHome.resolve("certs/root_ca.crt").toString());
        assertThat(Files.readString(clientHome.resolve("certs/root_ca.crt")))
                .isEqualTo(Files.readString(caDir.resolve("certs/root_ca.crt")));

        Run again = stile("ca", "bootstrap", "--ca-url", caUrl, "--fingerprint", fingerprint);
        assertOneLineError(again, 2, "already exists; use --force");
        assertThat(stile("ca", "bootstrap", "--ca-url", caUrl, "--fingerprint", fingerprint, "--force").exit()).isZero();
    }

    @Test
    @Order(3)
    void healthRootsAndProvisionerListUseTheBootstrappedDefaults() throws Exception {
        assertThat(stile("ca", "health")).isEqualTo(new Run(0, "ok\n", ""));
        Run roots = stile("ca", "roots");
        assertThat(roots.exit()).isZero();
        assertThat(roots.out()).isEqualTo(Files.readString(caDir.resolve("certs/root_ca.crt")));
        Run list = stile("ca", "provisioner", "list");
        assertThat(list.exit()).as(list.toString()).isZero();
        JsonNode provisioners = JSON.readTree(list.out());
        assertThat(provisioners.isArray()).isTrue();
        assertThat(provisioners.get(0).get("type").asText()).isEqualTo("JWK");
        assertThat(provisioners.get(0).get("name").asText()).isEqualTo(PROVISIONER);
        assertThat(provisioners.get(0).get("encryptedKey").asText().split("\\.")).hasSize(5);

        // Enrolled now, renewed after it expired at the end of the class: a CA checks renew
        // tokens at notAfter - 1 min, so the certificate must live longer than a minute.
        assertThat(stile("ca", "certificate", "short.example.com", shortCrt.toString(), shortKey.toString(),
                "--password-file", passwordFile.toString(), "--not-after", "65s").exit()).isZero();
    }

    @Test
    @Order(4)
    void tokenIsMintedWithTheDecryptedProvisionerKey() throws Exception {
        Run run = stile("ca", "token", "svc.example.com", "--san", "svc.example.com", "--san", "10.1.2.3",
                "--password-file", passwordFile.toString());
        assertThat(run.exit()).as(run.toString()).isZero();
        String[] parts = run.out().strip().split("\\.");
        assertThat(parts).hasSize(3);
        JsonNode claims = JSON.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims.get("aud").asText()).isEqualTo(caUrl + "/1.0/sign");
        assertThat(claims.get("iss").asText()).isEqualTo(PROVISIONER);
        assertThat(claims.get("sha").asText()).isEqualTo(fingerprint);
        assertThat(claims.get("sans").toString()).isEqualTo("[\"svc.example.com\",\"10.1.2.3\"]");
    }

    @Test
    @Order(5)
    void aWrongPasswordFailsClearly() throws Exception {
        Path wrong = dir.resolve("wrong-password");
        Files.writeString(wrong, "nope\n");
        Run run = stile("ca", "certificate", "x.example.com", dir.resolve("x.crt").toString(), dir.resolve("x.key").toString(),
                "--password-file", wrong.toString());
        assertOneLineError(run, 2, "cannot decrypt the key of provisioner '" + PROVISIONER + "'",
                "--password-file " + wrong, "wrong password");
        assertThat(dir.resolve("x.crt")).doesNotExist();
        assertThat(dir.resolve("x.key")).doesNotExist();

        Run missing = stile("ca", "token", "x", "--password-file", dir.resolve("absent").toString());
        assertOneLineError(missing, 2, "--password-file", "does not exist");
    }

    @Test
    @Order(6)
    void enrollRenewOverMtlsAndRevokeWithAToken() throws Exception {
        Path crt = dir.resolve("svc.crt");
        Path key = dir.resolve("svc.key");
        Run enroll = stile("ca", "certificate", "svc.example.com", crt.toString(), key.toString(),
                "--san", "svc.example.com", "--san", "127.0.0.1", "--password-file", passwordFile.toString(),
                "--not-after", "1h");
        assertThat(enroll.exit()).as(enroll.toString()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        List<X509Certificate> chain = KeyMaterial.readCertificates(crt);
        assertThat(chain).hasSize(2);
        X509Certificate first = chain.get(0);
        assertThat(first.getSubjectX500Principal().getName()).isEqualTo("CN=svc.example.com");
        assertThat(first.getSubjectAlternativeNames()).extracting(n -> n.get(1).toString())
                .containsExactlyInAnyOrder("svc.example.com", "127.0.0.1");
        String keyBefore = Files.readString(key);

        Run overwrite = stile("ca", "renew", crt.toString(), key.toString());
        assertOneLineError(overwrite, 2, "would be overwritten; use --force");

        Run renew = stile("ca", "renew", "--force", crt.toString(), key.toString());
        assertThat(renew.exit()).as(renew.toString()).isZero();
        X509Certificate renewed = leaf(crt);
        assertThat(renewed.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
        assertThat(renewed.getPublicKey()).isEqualTo(first.getPublicKey());
        assertThat(Files.readString(key)).isEqualTo(keyBefore);

        Run notDue = stile("ca", "renew", "--force", "--expires-in", "10m", crt.toString(), key.toString());
        assertThat(notDue.exit()).isZero();
        assertThat(notDue.out()).contains("is not renewed");
        assertThat(leaf(crt).getSerialNumber()).isEqualTo(renewed.getSerialNumber());

        // Revoke with a provisioner token, by serial in hex.
        String serial = renewed.getSerialNumber().toString();
        Run revoke = stile("ca", "revoke", "0x" + renewed.getSerialNumber().toString(16), "--reasonCode", "keyCompromise",
                "--reason", "test", "--password-file", passwordFile.toString());
        assertThat(revoke.exit()).as(revoke.toString()).isZero();
        assertThat(revoke.out()).contains(serial);
        Run twice = stile("ca", "revoke", serial, "--password-file", passwordFile.toString());
        assertOneLineError(twice, 1, "the CA refused POST " + caUrl + "/revoke (HTTP 400)", "already revoked");
        Run renewRevoked = stile("ca", "renew", "--force", crt.toString(), key.toString());
        assertOneLineError(renewRevoked, 1, caUrl + "/renew");
    }

    @Test
    @Order(7)
    void renewTokenFromTheTokenCommandIsAcceptedByTheCa() throws Exception {
        Path crt = dir.resolve("tok.crt");
        Path key = dir.resolve("tok.key");
        assertThat(stile("ca", "certificate", "tok.example.com", crt.toString(), key.toString(),
                "--password-file", passwordFile.toString(), "--kty", "RSA", "--size", "2048").exit()).isZero();
        Run token = stile("ca", "token", "--renew", "--x5c-cert", crt.toString(), "--x5c-key", key.toString());
        assertThat(token.exit()).as(token.toString()).isZero();
        var client = new CaConnectionOptions().resolve(new ClientHome(clientHome)).client();
        JsonNode body = client.postJson("/renew", null, token.out().strip());
        assertThat(body.get("certChain").size()).isEqualTo(2);
    }

    @Test
    @Order(9)
    void errorsAreOneLineWithTheRightExitCode() throws Exception {
        int closed = LiveCa.freePort();
        assertOneLineError(stile("ca", "health", "--ca-url", "https://127.0.0.1:" + closed), 1,
                "cannot connect to https://127.0.0.1:" + closed + "/health");
        assertOneLineError(stile("ca", "certificate", "only-subject"), 2, "CRT", "stile ca certificate --help");
        assertOneLineError(stile("ca", "renew", "--force", dir.resolve("none.crt").toString(), dir.resolve("none.key").toString()),
                2, "none.crt does not exist");
        assertOneLineError(stile("ca", "health", "--ca-url", caUrl.replace("https:", "http:")), 2, "must be an https URL");
        Path otherRoot = dir.resolve("other-root.crt");
        dev.stile.server.testsupport.TestCa other = dev.stile.server.testsupport.TestCa.create(dir.resolve("other"));
        Files.copy(other.rootFile(), otherRoot);
        assertOneLineError(stile("ca", "health", "--root", otherRoot.toString()), 1, "TLS handshake with " + caUrl,
                otherRoot.toString());
        assertOneLineError(stile("ca", "token", "x", "--provisioner", "nobody", "--password-file", passwordFile.toString()),
                2, "no JWK provisioner named 'nobody'", PROVISIONER);
    }

    @Test
    @Order(10)
    void anExpiredCertificateIsRenewedWithARenewTokenThenRevokedOverMtls() throws Exception {
        // An expired certificate cannot do TLS client auth: the renew token path takes over.
        X509Certificate expiring = leaf(shortCrt);
        Thread.sleep(Math.max(0, expiring.getNotAfter().getTime() - System.currentTimeMillis()) + 1500);
        Run afterExpiry = stile("ca", "renew", "--force", shortCrt.toString(), shortKey.toString());
        assertThat(afterExpiry.exit()).as(afterExpiry.toString()).isZero();
        X509Certificate renewed = leaf(shortCrt);
        assertThat(renewed.getNotAfter()).isAfter(new java.util.Date());
        assertThat(renewed.getSerialNumber()).isNotEqualTo(expiring.getSerialNumber());

        Run mtls = stile("ca", "revoke", "--cert", shortCrt.toString(), "--key", shortKey.toString(), "--reason", "done");
        assertThat(mtls.exit()).as(mtls.toString()).isZero();
        assertThat(mtls.out()).contains(renewed.getSerialNumber().toString());
        assertOneLineError(stile("ca", "renew", "--force", shortCrt.toString(), shortKey.toString()), 1, caUrl + "/renew");
    }
}
