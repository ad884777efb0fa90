package dev.stile.server.crypto;

import dev.stile.authority.crypto.CryptoProviders;
import dev.stile.authority.crypto.NativeKeys;
import dev.stile.authority.Authority;
import dev.stile.authority.inventory.InMemoryCertificateStore;
import dev.stile.authority.IssueRequest;
import dev.stile.authority.IssuedCertificate;
import dev.stile.authority.keys.KeyType;
import dev.stile.authority.init.PkiGenerator;
import dev.stile.authority.ProvisionerIdentity;
import dev.stile.authority.keys.SignatureAlgorithms;
import dev.stile.authority.SubjectAlternativeNames;
import dev.stile.server.ops.StileMetrics;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Certificates and CRLs signed with the native provider, the CA key converted the way
 * {@code App.start} converts it, verify with BouncyCastle for every CA key type Stile creates.
 */
class NativeSigningTest {

    @BeforeAll
    static void nativeProvider() {
        Optional<String> platform = NativeCrypto.platform(System.getProperty("os.name"), System.getProperty("os.arch"));
        assumeThat(platform).as("a platform ACCP is built for").isPresent();
        Path crypto = Path.of("target/crypto").toAbsolutePath();
        assumeThat(crypto.resolve("stile-crypto-" + platform.get() + ".jar")).as("copied by the build").exists();
        assertThat(NativeCrypto.installFrom(crypto).provider()).isEqualTo("AmazonCorrettoCryptoProvider");
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"EC_P256", "EC_P384", "RSA_2048"})
    void leavesAndCrlsSignedNativelyVerifyWithBouncyCastle(KeyType type) throws Exception {
        PkiGenerator.Pki pki = new PkiGenerator(Clock.systemUTC()).generate("Native", type);
        var caKey = NativeKeys.forSigning(pki.intermediateKey());
        assertThat(NativeKeys.isNative(caKey)).as("CA key converted").isTrue();
        Authority authority = new Authority(List.of(pki.root()), List.of(pki.intermediate()), caKey,
                new InMemoryCertificateStore(), Clock.systemUTC());
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", CryptoProviders.bouncyCastle());
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair leafKey = g.generateKeyPair();
        IssuedCertificate issued = authority.issue(new IssueRequest(leafKey.getPublic(), "native.example.test",
                SubjectAlternativeNames.classify(List.of("native.example.test")), null, null, null,
                new ProvisionerIdentity("native@example.test", "JWK", "kid"), "test"));

        issued.leaf().verify(pki.intermediate().getPublicKey(), CryptoProviders.bouncyCastle());

        X509v2CRLBuilder crl = new X509v2CRLBuilder(X500Name.getInstance(
                pki.intermediate().getSubjectX500Principal().getEncoded()), new Date());
        crl.setNextUpdate(new Date(System.currentTimeMillis() + 3_600_000L));
        X509CRLHolder holder = crl.build(SignatureAlgorithms.signer(caKey, pki.intermediate().getPublicKey()));
        assertThat(holder.isSignatureValid(new JcaContentVerifierProviderBuilder()
                .setProvider(CryptoProviders.bouncyCastle()).build(pki.intermediate()))).isTrue();
    }

    @Test
    void theMetricNamesTheProviderServingSignatures() {
        StileMetrics metrics = new StileMetrics();
        try {
            assertThat(metrics.scrape()).contains("stile_crypto_provider{provider=\"AmazonCorrettoCryptoProvider\"} 1.0");
        } finally {
            metrics.close();
        }
    }
}
