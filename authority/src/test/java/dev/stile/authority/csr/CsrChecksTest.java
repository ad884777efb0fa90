package dev.stile.authority.csr;

import dev.stile.authority.AuthorityException;
import dev.stile.authority.SubjectAlternativeNames;
import dev.stile.authority.crypto.BouncyCastle;
import dev.stile.authority.keys.KeyType;
import dev.stile.authority.keys.SignatureAlgorithms;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.security.KeyPair;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsrChecksTest {

    private static byte[] csr(KeyPair subjectKey, KeyPair signingKey, String cn, List<String> sans) throws Exception {
        PKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(
                new X500Name(cn.isEmpty() ? "" : "CN=" + cn), subjectKey.getPublic());
        if (!sans.isEmpty()) {
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.subjectAlternativeName, false,
                    SubjectAlternativeNames.classify(sans).toGeneralNames());
            builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
        }
        String algorithm = SignatureAlgorithms.forIssuer(signingKey.getPublic());
        return builder.build(new JcaContentSignerBuilder(algorithm).setProvider(BouncyCastle.provider())
                .build(signingKey.getPrivate())).getEncoded();
    }

    @Test
    void parsesPemAndDerWithNamesAndKey() throws Exception {
        KeyPair key = KeyType.EC_P256.generate();
        byte[] der = csr(key, key, "web.example", List.of("web.example", "10.1.2.3", "me@example.com", "urn:x:y"));

        CertificateRequest fromPem = CsrChecks.parsePem(CsrChecks.toPem(der));
        CertificateRequest fromDer = CsrChecks.parseDer(der);
        for (CertificateRequest request : List.of(fromPem, fromDer)) {
            assertThat(request.commonName()).isEqualTo("web.example");
            assertThat(request.publicKey().getEncoded()).isEqualTo(key.getPublic().getEncoded());
            assertThat(request.sans().dnsNames()).containsExactly("web.example");
            assertThat(request.sans().ips()).containsExactly(InetAddress.getByName("10.1.2.3"));
            assertThat(request.sans().emails()).containsExactly("me@example.com");
            assertThat(request.sans().uris()).extracting(Object::toString).containsExactly("urn:x:y");
            assertThat(request.der()).isEqualTo(der);
        }
    }

    @Test
    void requestWithoutNamesHasEmptyCnAndSans() throws Exception {
        KeyPair key = KeyType.RSA_2048.generate();
        CertificateRequest request = CsrChecks.parseDer(csr(key, key, "", List.of()));
        assertThat(request.commonName()).isEmpty();
        assertThat(request.sans().isEmpty()).isTrue();
    }

    @Test
    void signatureByAnotherKeyIsRejected() throws Exception {
        byte[] der = csr(KeyType.EC_P256.generate(), KeyType.EC_P256.generate(), "x", List.of());
        assertThatThrownBy(() -> CsrChecks.parseDer(der))
                .isInstanceOfSatisfying(AuthorityException.class,
                        e -> assertThat(e.category()).isEqualTo(AuthorityException.Category.BAD_REQUEST))
                .hasMessageContaining("signature is invalid");
    }

    @Test
    void garbageGivesClearErrors() {
        assertThatThrownBy(() -> CsrChecks.parseDer(new byte[] {1, 2, 3}))
                .hasMessageStartingWith("the certificate request cannot be parsed");
        assertThatThrownBy(() -> CsrChecks.parsePem("hello"))
                .hasMessageContaining("no BEGIN CERTIFICATE REQUEST block");
        assertThatThrownBy(() -> CsrChecks.parsePem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"))
                .hasMessage("expected a PEM CERTIFICATE REQUEST but found CERTIFICATE");
        assertThatThrownBy(() -> CsrChecks.parsePem(""))
                .hasMessage("the certificate request is missing");
    }
}
