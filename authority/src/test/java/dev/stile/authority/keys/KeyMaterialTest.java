package dev.stile.authority.keys;

import dev.stile.authority.crypto.BouncyCastle;
import dev.stile.authority.init.PkiGenerator;
import dev.stile.testsupport.Requirements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class KeyMaterialTest {

    private static final char[] PASSWORD = "correct horse".toCharArray();

    @TempDir
    Path dir;

    @Test
    void encryptedEcKeyRoundTripsAsLegacyPemWithMode0600() throws Exception {
        KeyPair keys = KeyType.EC_P256.generate();
        Path file = dir.resolve("key");
        KeyMaterial.writeEncryptedPrivateKey(file, keys.getPrivate(), PASSWORD);

        String pem = Files.readString(file);
        assertThat(pem).startsWith("-----BEGIN EC PRIVATE KEY-----")
                .contains("Proc-Type: 4,ENCRYPTED").contains("DEK-Info: AES-256-CBC,");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertMatches(KeyMaterial.readPrivateKey(file, PASSWORD), keys);
    }

    @Test
    void encryptedRsaKeyRoundTripsAsLegacyPem() throws Exception {
        KeyPair keys = KeyType.RSA_2048.generate();
        Path file = dir.resolve("rsa");
        KeyMaterial.writeEncryptedPrivateKey(file, keys.getPrivate(), PASSWORD);

        assertThat(Files.readString(file)).startsWith("-----BEGIN RSA PRIVATE KEY-----").contains("AES-256-CBC");
        assertMatches(KeyMaterial.readPrivateKey(file, PASSWORD), keys);
    }

    @Test
    void wrongPasswordNamesTheFile() {
        Path file = dir.resolve("key");
        KeyMaterial.writeEncryptedPrivateKey(file, KeyType.EC_P256.generate().getPrivate(), PASSWORD);

        assertThatThrownBy(() -> KeyMaterial.readPrivateKey(file, "wrong".toCharArray()))
                .isInstanceOf(KeyMaterialException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("wrong password");
        assertThatThrownBy(() -> KeyMaterial.readPrivateKey(file, null))
                .hasMessageContaining(file.toString()).hasMessageContaining("no password");
    }

    @Test
    void missingOrNonKeyFilesGiveClearMessages() throws Exception {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> KeyMaterial.readPrivateKey(missing, PASSWORD))
                .hasMessage(missing + " does not exist");
        Path text = dir.resolve("text");
        Files.writeString(text, "hello\n");
        assertThatThrownBy(() -> KeyMaterial.readPrivateKey(text, PASSWORD))
                .hasMessage(text + " contains no PEM private key");
        assertThatThrownBy(() -> KeyMaterial.readCertificates(text))
                .hasMessage(text + " contains no PEM certificate");
    }

    @Test
    void writeSecretRefusesToOverwrite() {
        Path file = dir.resolve("key");
        KeyMaterial.writeSecret(file, "a");
        assertThatThrownBy(() -> KeyMaterial.writeSecret(file, "b")).hasMessageContaining("already exists");
    }

    @Test
    void certificateChainRoundTrips() {
        PkiGenerator.Pki pki = new PkiGenerator(Clock.systemUTC()).generate("Test", KeyType.EC_P256);
        Path file = dir.resolve("chain.crt");
        KeyMaterial.writeCertificates(file, List.of(pki.intermediate(), pki.root()));

        List<X509Certificate> read = KeyMaterial.readCertificates(file);
        assertThat(read).containsExactly(pki.intermediate(), pki.root());
    }

    @Test
    void certificatePemIsTheTextBouncyCastleWrites() throws Exception {
        PkiGenerator.Pki rsa = new PkiGenerator(Clock.systemUTC()).generate("Rsa", KeyType.RSA_2048);
        PkiGenerator.Pki ec = new PkiGenerator(Clock.systemUTC()).generate("Test", KeyType.EC_P256);
        List<X509Certificate> chain = List.of(ec.intermediate(), ec.root(), rsa.intermediate());

        java.io.StringWriter expected = new java.io.StringWriter();
        try (var writer = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(expected)) {
            for (X509Certificate certificate : chain) {
                writer.writeObject(certificate);
            }
        }
        assertThat(KeyMaterial.toPem(chain)).isEqualTo(expected.toString());
        assertThat(KeyMaterial.toPem(ec.root())).isEqualTo(KeyMaterial.toPem(List.of(ec.root())));
        assertThat(KeyMaterial.toPem(List.of())).isEmpty();
    }

    @Test
    void readsKeysWrittenByOpenssl() throws Exception {
        String openssl = Requirements.program("openssl", "openssl");
        Path plain = dir.resolve("plain.pem");
        run(openssl, "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", plain.toString());
        // SEC1, unencrypted
        PrivateKey sec1 = KeyMaterial.readPrivateKey(plain, null);
        assertThat(sec1.getAlgorithm()).isIn("EC", "ECDSA");

        // Legacy encrypted PEM, exactly as step writes it.
        Path legacy = dir.resolve("legacy.pem");
        run(openssl, "ec", "-in", plain.toString(), "-aes256", "-passout", "pass:secret", "-out", legacy.toString());
        assertThat(Files.readString(legacy)).contains("Proc-Type: 4,ENCRYPTED");
        assertThat(KeyMaterial.readPrivateKey(legacy, "secret".toCharArray()).getEncoded())
                .isEqualTo(sec1.getEncoded());

        // PKCS#8, encrypted and not.
        Path pkcs8 = dir.resolve("pkcs8.pem");
        run(openssl, "pkcs8", "-topk8", "-in", plain.toString(), "-passout", "pass:secret", "-v2", "aes-256-cbc",
                "-out", pkcs8.toString());
        assertThat(Files.readString(pkcs8)).contains("BEGIN ENCRYPTED PRIVATE KEY");
        assertThat(KeyMaterial.readPrivateKey(pkcs8, "secret".toCharArray()).getEncoded())
                .isEqualTo(sec1.getEncoded());
        Path pkcs8Plain = dir.resolve("pkcs8-plain.pem");
        run(openssl, "pkcs8", "-topk8", "-nocrypt", "-in", plain.toString(), "-out", pkcs8Plain.toString());
        assertThat(KeyMaterial.readPrivateKey(pkcs8Plain, null).getEncoded()).isEqualTo(sec1.getEncoded());

        // PKCS#1 RSA.
        Path rsa = dir.resolve("rsa.pem");
        run(openssl, "genrsa", "-traditional", "-out", rsa.toString(), "2048");
        assertThat(Files.readString(rsa)).contains("BEGIN RSA PRIVATE KEY");
        assertThat(KeyMaterial.readPrivateKey(rsa, null).getAlgorithm()).isEqualTo("RSA");

        // And openssl reads what we write.
        Path ours = dir.resolve("ours.pem");
        KeyMaterial.writeEncryptedPrivateKey(ours, sec1, "pw".toCharArray());
        run(openssl, "ec", "-in", ours.toString(), "-passin", "pass:pw", "-noout", "-check");
    }

    private static void assertMatches(PrivateKey key, KeyPair expected) throws Exception {
        String algorithm = SignatureAlgorithms.forIssuer(expected.getPublic());
        Signature signer = Signature.getInstance(algorithm, BouncyCastle.provider());
        signer.initSign(key);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm, BouncyCastle.provider());
        verifier.initVerify(expected.getPublic());
        verifier.update(new byte[] {1, 2, 3});
        assertThat(verifier.verify(signature)).isTrue();
    }

    public static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    }
}
