package dev.stile.authority.crl;

import dev.stile.authority.init.PkiGenerator;
import dev.stile.authority.keys.KeyType;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CRLReason;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class CrlSignerTest {

    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");

    @Test
    void signsANumberedCrlWithItsEntriesAndDistributionPoint() throws Exception {
        PkiGenerator.Pki pki = new PkiGenerator(Clock.fixed(NOW.minus(Duration.ofDays(1)), ZoneOffset.UTC))
                .generate("Test", KeyType.EC_P256);
        CrlSigner signer = new CrlSigner(pki.intermediate(), pki.intermediateKey(), "https://ca.example/1.0/crl");

        byte[] der = signer.start(NOW, NOW.plus(Duration.ofHours(24)))
                .add(BigInteger.valueOf(0x1234), NOW.minusSeconds(60), CRLReason.KEY_COMPROMISE.ordinal())
                .sign(BigInteger.valueOf(7));

        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        crl.verify(pki.intermediate().getPublicKey());
        assertThat(crl.getIssuerX500Principal()).isEqualTo(pki.intermediate().getSubjectX500Principal());
        assertThat(crl.getThisUpdate().toInstant()).isEqualTo(NOW);
        assertThat(crl.getNextUpdate().toInstant()).isEqualTo(NOW.plus(Duration.ofHours(24)));
        assertThat(crl.getRevokedCertificate(BigInteger.valueOf(0x1234)).getRevocationReason())
                .isEqualTo(CRLReason.KEY_COMPROMISE);
        byte[] number = ASN1OctetString.getInstance(crl.getExtensionValue(Extension.cRLNumber.getId())).getOctets();
        assertThat(ASN1Integer.getInstance(number).getValue()).isEqualTo(BigInteger.valueOf(7));
        assertThat(crl.getCriticalExtensionOIDs()).contains(Extension.issuingDistributionPoint.getId());
        assertThat(crl.getExtensionValue(Extension.authorityKeyIdentifier.getId())).isNotNull();
    }
}
