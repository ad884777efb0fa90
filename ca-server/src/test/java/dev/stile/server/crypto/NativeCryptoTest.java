package dev.stile.server.crypto;

import dev.stile.authority.crypto.CryptoProviders;
import dev.stile.authority.crypto.NativeKeys;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.jose4j.keys.EllipticCurves;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** How start-up picks the provider: the native one only when it loads and self-tests, else BouncyCastle. */
class NativeCryptoTest {

    @TempDir
    Path dir;

    @Test
    void onlyLinuxOnX86OrArm64HasANativeProvider() {
        assertThat(NativeCrypto.platform("Linux", "amd64")).contains("linux-x86_64");
        assertThat(NativeCrypto.platform("Linux", "aarch64")).contains("linux-aarch_64");
        assertThat(NativeCrypto.platform("Linux", "riscv64")).isEmpty();
        assertThat(NativeCrypto.platform("Linux", "arm")).isEmpty();
        assertThat(NativeCrypto.platform("Mac OS X", "aarch64")).isEmpty();
        assertThat(NativeCrypto.platform("Windows 11", "amd64")).isEmpty();
    }

    @Test
    void theEnvironmentVariableTurnsItOffAndRefusesNonsense() {
        try {
            assertThat(NativeCrypto.configure("off")).isTrue();
            assertThat(NativeCrypto.configure("AUTO")).isTrue();
            assertThat(NativeCrypto.configure(null)).isTrue();
            assertThat(NativeCrypto.configure("maybe")).isFalse();
        } finally {
            NativeCrypto.configure(null);
        }
    }

    @Test
    void turnedOffMissingJarOrOtherPlatformKeepBouncyCastle() throws Exception {
        Provider before = CryptoProviders.nativeOrNull();
        NativeCrypto.Loader mustNotRun = jar -> {
            throw new AssertionError("the loader must not run");
        };
        Path crypto = Files.createDirectories(dir.resolve("crypto"));
        Files.writeString(crypto.resolve("stile-crypto-linux-x86_64.jar"), "not used");

        assertThat(NativeCrypto.install(false, Optional.of("linux-x86_64"), Optional.of(crypto), mustNotRun))
                .isEqualTo(new NativeCrypto.Outcome("BC", "native provider turned off by STILE_NATIVE_CRYPTO"));
        assertThat(NativeCrypto.install(true, Optional.empty(), Optional.of(crypto), mustNotRun).provider())
                .isEqualTo("BC");
        NativeCrypto.Outcome missing = NativeCrypto.install(true, Optional.of("linux-aarch_64"), Optional.of(crypto),
                mustNotRun);
        assertThat(missing.provider()).isEqualTo("BC");
        assertThat(missing.logLine()).isEqualTo("signatures are made and checked by BC (native provider jar "
                + crypto.resolve("stile-crypto-linux-aarch_64.jar") + " not found)");
        assertThat(CryptoProviders.nativeOrNull()).isSameAs(before);
    }

    @Test
    void aLibraryThatCannotLoadOrAFailedSelfTestKeepsBouncyCastle() throws Exception {
        Provider before = CryptoProviders.nativeOrNull();
        Path crypto = Files.createDirectories(dir.resolve("crypto"));
        Files.writeString(crypto.resolve("stile-crypto-linux-x86_64.jar"), "not a jar");

        NativeCrypto.Outcome musl = NativeCrypto.install(true, Optional.of("linux-x86_64"), Optional.of(crypto), jar -> {
            throw new UnsatisfiedLinkError("Error relocating libamazonCorrettoCryptoProvider.so: __memcpy_chk: symbol not found");
        });
        assertThat(musl.provider()).isEqualTo("BC");
        assertThat(musl.detail()).endsWith("not used: UnsatisfiedLinkError: Error relocating "
                + "libamazonCorrettoCryptoProvider.so: __memcpy_chk: symbol not found");

        NativeCrypto.Outcome selfTest = NativeCrypto.install(true, Optional.of("linux-x86_64"), Optional.of(crypto),
                jar -> {
                    throw new IllegalStateException("its self-test status is FAILED, not PASSED");
                });
        assertThat(selfTest.detail()).endsWith("not used: IllegalStateException: its self-test status is FAILED, not PASSED");

        // The real loader on a file that is no jar: a clean reason, no native provider.
        NativeCrypto.Outcome broken = NativeCrypto.install(true, Optional.of("linux-x86_64"), Optional.of(crypto),
                new ProviderJar());
        assertThat(broken.provider()).isEqualTo("BC");
        assertThat(broken.detail()).contains("ClassNotFoundException");
        assertThat(CryptoProviders.nativeOrNull()).isSameAs(before);
    }

    @Test
    void theRealJarLoadsSelfTestsAndServesEcdsaAndRsaButNotEdDsa() throws Exception {
        Optional<String> platform = NativeCrypto.platform(System.getProperty("os.name"), System.getProperty("os.arch"));
        assumeThat(platform).as("a platform ACCP is built for").isPresent();
        Path crypto = Path.of("target/crypto").toAbsolutePath();
        assumeThat(crypto.resolve("stile-crypto-" + platform.get() + ".jar")).as("copied by the build").exists();

        NativeCrypto.Outcome outcome = NativeCrypto.install(true, platform, Optional.of(crypto), new ProviderJar());

        assertThat(outcome.provider()).isEqualTo("AmazonCorrettoCryptoProvider");
        assertThat(outcome.detail()).contains("self-test passed");
        assertThat(Security.getProviders()[0].getName()).isEqualTo("AmazonCorrettoCryptoProvider");
        assertThat(CryptoProviders.signatureProviderName()).isEqualTo("AmazonCorrettoCryptoProvider");
        // A BouncyCastle key as read from PEM, and one built from a JWK (explicit curve parameters,
        // which the native provider cannot parse): both become native keys from their numbers.
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", CryptoProviders.bouncyCastle());
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair bc = g.generateKeyPair();
        ECPublicKey fromJwk = (ECPublicKey) KeyFactory.getInstance("EC", CryptoProviders.bouncyCastle())
                .generatePublic(new ECPublicKeySpec(((ECPublicKey) bc.getPublic()).getW(), EllipticCurves.P256));
        PrivateKey signing = NativeKeys.forSigning(bc.getPrivate());
        PublicKey checking = NativeKeys.forVerifying(fromJwk);
        assertThat(NativeKeys.isNative(signing)).isTrue();
        assertThat(NativeKeys.isNative(checking)).isTrue();
        assertThat(NativeKeys.isNative(bc.getPrivate())).isFalse();

        assertThat(CryptoProviders.forSignature("SHA256withECDSA", signing).getName()).isEqualTo("AmazonCorrettoCryptoProvider");
        assertThat(CryptoProviders.forSignature("SHA256withECDSA", bc.getPrivate()).getName()).isEqualTo("BC");
        assertThat(CryptoProviders.forSignature("Ed25519", signing).getName()).isEqualTo("BC");
        assertThat(CryptoProviders.forSignature("SHA256withRSAandMGF1", signing).getName()).isEqualTo("BC");
        SubjectPublicKeyInfo named = SubjectPublicKeyInfo.getInstance(bc.getPublic().getEncoded());
        SubjectPublicKeyInfo explicit = SubjectPublicKeyInfo.getInstance(fromJwk.getEncoded());
        assertThat(CryptoProviders.forSignature(X9ObjectIdentifiers.ecdsa_with_SHA256, named).getName())
                .isEqualTo("AmazonCorrettoCryptoProvider");
        assertThat(CryptoProviders.forSignature(X9ObjectIdentifiers.ecdsa_with_SHA256, explicit).getName()).isEqualTo("BC");
        assertThat(CryptoProviders.forSignature(EdECObjectIdentifiers.id_Ed25519, named).getName()).isEqualTo("BC");
        KeyPairGenerator k1 = KeyPairGenerator.getInstance("EC", CryptoProviders.bouncyCastle());
        k1.initialize(new ECGenParameterSpec("secp256k1"));
        SubjectPublicKeyInfo otherCurve = SubjectPublicKeyInfo.getInstance(k1.generateKeyPair().getPublic().getEncoded());
        assertThat(CryptoProviders.forSignature(X9ObjectIdentifiers.ecdsa_with_SHA256, otherCurve).getName()).isEqualTo("BC");
        assertThat(CryptoProviders.forJws("ES256", checking).getName()).isEqualTo("AmazonCorrettoCryptoProvider");
        assertThat(CryptoProviders.forJws("ES256", fromJwk).getName()).isEqualTo("BC");
        assertThat(CryptoProviders.forJws("EdDSA", checking).getName()).isEqualTo("BC");
        assertThat(CryptoProviders.forJws("PS256", checking).getName()).isEqualTo("BC");

        // Native signature, BouncyCastle check and the other way round.
        Signature s = Signature.getInstance("SHA256withECDSA", CryptoProviders.forSignature("SHA256withECDSA", signing));
        s.initSign(signing);
        s.update(new byte[] {1, 2, 3});
        byte[] signature = s.sign();
        Signature v = Signature.getInstance("SHA256withECDSA", CryptoProviders.bouncyCastle());
        v.initVerify(bc.getPublic());
        v.update(new byte[] {1, 2, 3});
        assertThat(v.verify(signature)).isTrue();
        Signature bcSign = Signature.getInstance("SHA256withECDSA", CryptoProviders.bouncyCastle());
        bcSign.initSign(bc.getPrivate());
        bcSign.update(new byte[] {4});
        Signature nativeCheck = Signature.getInstance("SHA256withECDSA", CryptoProviders.forJws("ES256", checking));
        nativeCheck.initVerify(checking);
        nativeCheck.update(new byte[] {4});
        assertThat(nativeCheck.verify(bcSign.sign())).isTrue();
    }
}
