package dev.stile.cli.ca;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.provisioners.jwe.EncryptedKeys;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.openssl.PEMParser;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small rules of the client: times, serials, reasons, provisioner choice, key decryption, files. */
class CliPiecesTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void timesAreDurationsFromNowOrRfc3339AndSignRequestsGetGoDurations() {
        Instant now = Instant.parse("2026-11-27T12:00:00Z");
        assertThat(TimeArgs.instant("5m", now, "--not-after")).isEqualTo(now.plusSeconds(300));
        assertThat(TimeArgs.instant("2026-11-27T13:00:00Z", now, "--not-after")).isEqualTo(now.plusSeconds(3600));
        assertThat(TimeArgs.forSignRequest("48h", "--not-after")).isEqualTo("48h0m0s");
        assertThat(TimeArgs.forSignRequest("2026-11-28T00:00:00Z", "--not-after")).isEqualTo("2026-11-28T00:00:00Z");
        assertThat(TimeArgs.forSignRequest(null, "--not-after")).isEmpty();
        assertThatThrownBy(() -> TimeArgs.forSignRequest("2d", "--not-after"))
                .isInstanceOf(CliException.class).hasMessageContaining("--not-after \"2d\"");
    }

    @Test
    void tokenValidityFollowsStepLimits() {
        Instant now = Instant.parse("2026-11-27T12:00:00Z");
        TokenValidity v = new TokenValidity();
        assertThat(v.window(now)).isEqualTo(new TokenValidity.Window(now, now.plusSeconds(300)));
        v.notAfter = "2h";
        assertThatThrownBy(() -> v.window(now)).hasMessageContaining("10s to 1h");
        v.notAfter = null;
        v.notBefore = "45m";
        assertThatThrownBy(() -> v.window(now)).hasMessageContaining("more than 30m");
    }

    @Test
    void serialsAndReasons() {
        assertThat(Serials.toDecimal("0xff", "SERIAL")).isEqualTo("255");
        assertThat(Serials.toDecimal("308893286343609293989051180431574390766", "SERIAL"))
                .isEqualTo("308893286343609293989051180431574390766");
        assertThatThrownBy(() -> Serials.toDecimal("abc", "SERIAL")).hasMessageContaining("SERIAL \"abc\"");
        assertThat(RevocationReasons.parse("keyCompromise")).isEqualTo(1);
        assertThat(RevocationReasons.parse("10")).isEqualTo(10);
        assertThat(RevocationReasons.parse(null)).isZero();
        assertThatThrownBy(() -> RevocationReasons.parse("7")).hasMessageContaining("--reasonCode \"7\"");
    }

    @Test
    void fingerprintsAreNormalised() {
        assertThat(BootstrapCommand.normalise("AB:" + "cd".repeat(31))).isEqualTo("ab" + "cd".repeat(31));
        assertThatThrownBy(() -> BootstrapCommand.normalise("1234"))
                .isInstanceOf(CliException.class).hasMessageContaining("--fingerprint \"1234\"");
    }

    @Test
    void choosesTheOnlyJwkProvisionerOrNamesTheChoices() throws Exception {
        JsonNode a = JSON.readTree("{\"type\":\"JWK\",\"name\":\"a\",\"key\":{\"kid\":\"k1\"}}");
        JsonNode b = JSON.readTree("{\"type\":\"jwk\",\"name\":\"b\",\"key\":{\"kid\":\"k2\"}}");
        JsonNode acme = JSON.readTree("{\"type\":\"ACME\",\"name\":\"acme\"}");
        assertThat(ProvisionerCatalog.chooseJwk(List.of(a, acme), null, null, "https://ca")).isSameAs(a);
        assertThat(ProvisionerCatalog.chooseJwk(List.of(a, b), "b", null, "https://ca")).isSameAs(b);
        assertThat(ProvisionerCatalog.chooseJwk(List.of(a, b), null, "k1", "https://ca")).isSameAs(a);
        assertThatThrownBy(() -> ProvisionerCatalog.chooseJwk(List.of(a, b), null, null, "https://ca"))
                .hasMessageContaining("several JWK provisioners").hasMessageContaining("'a'").hasMessageContaining("'b'");
        assertThatThrownBy(() -> ProvisionerCatalog.chooseJwk(List.of(a, acme), "acme", null, "https://ca"))
                .hasMessageContaining("--provisioner 'acme' is a ACME provisioner");
        assertThatThrownBy(() -> ProvisionerCatalog.chooseJwk(List.of(a), "zzz", null, "https://ca"))
                .hasMessageContaining("no JWK provisioner named 'zzz'");
    }

    @Test
    void decryptsStepsEncryptedKeyAndNamesAWrongPassword() throws Exception {
        PublicJsonWebKey key = TokenFactoryTest.provisionerKey();
        String jwe = EncryptedKeys.encrypt(key, "secret".toCharArray(), 600_000);
        PublicJsonWebKey decrypted = ProvisionerKeys.decrypt(jwe, "secret".toCharArray(), "admin", "--password-file p");
        assertThat(decrypted.getKeyId()).isEqualTo(key.getKeyId());
        assertThat(decrypted.getPrivateKey()).isNotNull();

        assertThatThrownBy(() -> ProvisionerKeys.decrypt(jwe, "wrong".toCharArray(), "admin", "--password-file p"))
                .isInstanceOf(CliException.class)
                .hasMessage("cannot decrypt the key of provisioner 'admin' with the password from --password-file p: "
                        + "wrong password")
                .extracting(e -> ((CliException) e).exitCode()).isEqualTo(CliException.USAGE);
    }

    @Test
    void refusesKeysAskingForMoreIterationsThanStepUses() throws Exception {
        String jwe = EncryptedKeys.encrypt(TokenFactoryTest.provisionerKey(), "secret".toCharArray(), 600_001);
        assertThatThrownBy(() -> ProvisionerKeys.decrypt(jwe, "secret".toCharArray(), "admin", "x"))
                .hasMessageContaining("600001 PBES2 iterations")
                .extracting(e -> ((CliException) e).exitCode()).isEqualTo(CliException.REFUSED);
    }

    @Test
    void csrCarriesSubjectAndTypedSans() throws Exception {
        KeyPair keys = KeysAndRequests.generate(null, null, null);
        String pem = KeysAndRequests.csrPem(keys, "svc", List.of("svc.example.com", "10.0.0.1", "a@b.c", "spiffe://x/y"));
        PKCS10CertificationRequest csr = (PKCS10CertificationRequest) new PEMParser(new StringReader(pem)).readObject();
        assertThat(csr.getSubject().toString()).isEqualTo("CN=svc");
        assertThat(csr.getRequestedExtensions().getExtension(org.bouncycastle.asn1.x509.Extension.subjectAlternativeName))
                .isNotNull();
        String sans = org.bouncycastle.asn1.x509.GeneralNames.getInstance(csr.getRequestedExtensions()
                .getExtensionParsedValue(org.bouncycastle.asn1.x509.Extension.subjectAlternativeName)).toString();
        assertThat(sans).contains("2: svc.example.com", "7: #0a000001", "1: a@b.c", "6: spiffe://x/y");
    }

    @Test
    void atomicWritesKeepKeysPrivate() throws Exception {
        Path key = dir.resolve("sub/key.pem");
        AtomicFiles.write(key, "secret", true);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        AtomicFiles.write(key, "secret2", true);
        assertThat(Files.readString(key)).isEqualTo("secret2");
        try (var files = Files.list(key.getParent())) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void daemonRenewsAtTwoThirdsMinusAtMostATwentiethOfTheLifetime() throws Exception {
        KeyPair keys = KeysAndRequests.generate(null, null, null);
        X509Certificate cert = TokenFactoryTest.selfSigned(keys, "x");
        Instant notBefore = cert.getNotBefore().toInstant();
        Duration lifetime = Duration.between(notBefore, cert.getNotAfter().toInstant());
        assertThat(RenewDaemon.renewalTime(cert, 0)).isEqualTo(notBefore.plus(lifetime.multipliedBy(2).dividedBy(3)));
        Instant earliest = notBefore.plus(lifetime.multipliedBy(2).dividedBy(3)).minus(lifetime.dividedBy(20));
        assertThat(RenewDaemon.renewalTime(cert, 0.999999)).isAfterOrEqualTo(earliest)
                .isBefore(notBefore.plus(lifetime.multipliedBy(2).dividedBy(3)));
    }

    @Test
    void caUrlsMustBeHttps() {
        assertThat(CaClient.parseBase("https://ca.example.com:9000/").toString()).isEqualTo("https://ca.example.com:9000");
        assertThatThrownBy(() -> CaClient.parseBase("http://ca.example.com"))
                .hasMessageContaining("--ca-url \"http://ca.example.com\" must be an https URL");
    }

    @Test
    void serverMessagesAreExtractedFromStepAndAcmeShapes() {
        assertThat(CaClient.serverMessage("{\"status\":401,\"message\":\"token already used\"}")).isEqualTo("token already used");
        assertThat(CaClient.serverMessage("{\"type\":\"x\",\"detail\":\"nope\"}")).isEqualTo("nope");
        assertThat(CaClient.serverMessage("404 page not found\n")).isEqualTo("404 page not found");
    }

    @Test
    void jsonIsPrintedLikeGosMarshalIndent() throws Exception {
        JsonNode value = JSON.readTree("[{\"type\":\"JWK\",\"key\":{\"kid\":\"k\"},\"list\":[]}]");
        assertThat(GoStyleJson.write(value)).isEqualTo("""
                [
                   {
                      "type": "JWK",
                      "key": {
                         "kid": "k"
                      },
                      "list": []
                   }
                ]""");
    }
}
