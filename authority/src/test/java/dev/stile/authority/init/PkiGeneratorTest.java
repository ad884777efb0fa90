package dev.stile.authority.init;

import dev.stile.authority.CertificateExtensions;
import dev.stile.authority.keys.KeyType;
import dev.stile.authority.keys.PublicKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PkiGeneratorTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void createsStepLikeRootAndIntermediate() throws Exception {
        PkiGenerator.Pki pki = new PkiGenerator(Clock.fixed(NOW, ZoneOffset.UTC)).generate("Home", KeyType.EC_P256);
        X509Certificate root = pki.root();
        X509Certificate intermediate = pki.intermediate();

        assertThat(root.getSubjectX500Principal().getName()).isEqualTo("CN=Home Root CA,O=Home");
        assertThat(intermediate.getSubjectX500Principal().getName()).isEqualTo("CN=Home Intermediate CA,O=Home");
        assertThat(intermediate.getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());
        assertThat(root.getBasicConstraints()).isEqualTo(1);
        assertThat(intermediate.getBasicConstraints()).isZero();
        assertThat(root.getCriticalExtensionOIDs()).contains("2.5.29.15", "2.5.29.19");
        // keyCertSign (5) and cRLSign (6) only
        assertThat(root.getKeyUsage()).containsExactly(false, false, false, false, false, true, true, false, false);
        assertThat(root.getNotBefore().toInstant()).isEqualTo(NOW);
        assertThat(root.getNotAfter().toInstant()).isEqualTo(NOW.plus(PkiGenerator.CA_VALIDITY));
        assertThat(root.getSigAlgName()).isEqualTo("SHA256withECDSA");
        intermediate.verify(root.getPublicKey());
        root.verify(root.getPublicKey());
        // AKI of the intermediate = SKI of the root
        byte[] rootSki = CertificateExtensions.subjectKeyIdentifier(root.getPublicKey()).getKeyIdentifier();
        byte[] intermediateAki = org.bouncycastle.asn1.x509.AuthorityKeyIdentifier.getInstance(
                org.bouncycastle.asn1.ASN1OctetString.getInstance(intermediate.getExtensionValue("2.5.29.35"))
                        .getOctets()).getKeyIdentifierObject().getOctets();
        assertThat(intermediateAki).isEqualTo(rootSki);
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"EC_P384", "RSA_2048"})
    void otherKeyTypesSignWithMatchingAlgorithms(KeyType type) throws Exception {
        PkiGenerator.Pki pki = new PkiGenerator(Clock.systemUTC()).generate("X", type);
        pki.intermediate().verify(pki.root().getPublicKey());
        assertThat(pki.root().getSigAlgName())
                .isEqualTo(type == KeyType.EC_P384 ? "SHA384withECDSA" : "SHA256withRSA");
        assertThat(PublicKeys.describe(pki.intermediate().getPublicKey())).isEqualTo(type.label());
    }

    @Test
    void keyTypeParsingNamesTheChoices() {
        assertThat(KeyType.parse("rsa-3072")).isEqualTo(KeyType.RSA_3072);
        assertThatThrownBy(() -> KeyType.parse("DSA"))
                .hasMessage("unknown key type 'DSA'; use one of EC-P256, EC-P384, RSA-2048, RSA-3072, RSA-4096");
    }
}
