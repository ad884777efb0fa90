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

import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

import java.net.InetAddress;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.KeyPair;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsrParserTest {

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

        ParsedCsr fromPem = CsrParser.parsePem(CsrParser.toPem(der));
        ParsedCsr fromDer = CsrParser.parseDer(der);
        for (ParsedCsr request : List.of(fromPem, fromDer)) {
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
        ParsedCsr request = CsrParser.parseDer(csr(key, key, "", List.of()));
        assertThat(request.commonName()).isEmpty();
        assertThat(request.sans().isEmpty()).isTrue();
    }

    @Test
    void signatureByAnotherKeyIsRejected() throws Exception {
        byte[] der = csr(KeyType.EC_P256.generate(), KeyType.EC_P256.generate(), "x", List.of());
        assertThatThrownBy(() -> CsrParser.parseDer(der))
                .isInstanceOfSatisfying(AuthorityException.class,
                        e -> assertThat(e.category()).isEqualTo(AuthorityException.Category.BAD_REQUEST))
                .hasMessageContaining("signature is invalid");
    }

    @Test
    void garbageGivesClearErrors() {
        assertThatThrownBy(() -> CsrParser.parseDer(new byte[] {1, 2, 3}))
                .hasMessageStartingWith("the certificate request cannot be parsed");
        assertThatThrownBy(() -> CsrParser.parsePem("hello"))
                .hasMessageContaining("no BEGIN CERTIFICATE REQUEST block");
        assertThatThrownBy(() -> CsrParser.parsePem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"))
                .hasMessage("expected a PEM CERTIFICATE REQUEST but found CERTIFICATE");
        assertThatThrownBy(() -> CsrParser.parsePem(""))
                .hasMessage("the certificate request is missing");
    }

    @Test
    void eachParseVerifiesTheSignatureOnce() throws Exception {
        KeyPair key = KeyType.EC_P256.generate();
        byte[] der = csr(key, key, "once.example", List.of("once.example"));
        long before = CsrVerifications.count();
        CsrParser.parseDer(der);
        assertThat(CsrVerifications.count() - before).isEqualTo(1);
        CsrParser.parsePem(CsrParser.toPem(der));
        assertThat(CsrVerifications.count() - before).isEqualTo(2);
    }

    @Test
    void oneKeyRuleForEveryRequest() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA", BouncyCastle.provider());
        rsa.initialize(1024);
        KeyPair weak = rsa.generateKeyPair();
        assertThatThrownBy(() -> CsrParser.parseDer(csr(weak, weak, "x", List.of())))
                .isInstanceOfSatisfying(CsrException.class, e -> {
                    assertThat(e.reason()).isEqualTo(CsrException.Reason.KEY_REJECTED);
                    assertThat(e.category()).isEqualTo(AuthorityException.Category.FORBIDDEN);
                })
                .hasMessage("the RSA key has 1024 bits; RSA keys must have at least 2048 bits");

        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC", BouncyCastle.provider());
        ec.initialize(new ECGenParameterSpec("secp256k1"));
        KeyPair k1 = ec.generateKeyPair();
        assertThatThrownBy(() -> CsrParser.parseDer(csr(k1, k1, "x", List.of())))
                .isInstanceOfSatisfying(CsrException.class, e -> {
                    assertThat(e.reason()).isEqualTo(CsrException.Reason.KEY_REJECTED);
                    assertThat(e.category()).isEqualTo(AuthorityException.Category.BAD_REQUEST);
                })
                .hasMessageContaining("only P-256, P-384 and P-521");

        for (KeyType type : List.of(KeyType.RSA_2048, KeyType.EC_P384)) {
            KeyPair ok = type.generate();
            assertThat(CsrParser.parseDer(csr(ok, ok, "ok", List.of())).publicKey().getEncoded())
                    .isEqualTo(ok.getPublic().getEncoded());
        }
    }

    @Test
    void namesTheSansCannotCarryAreReportedNotDropped() throws Exception {
        KeyPair key = KeyType.EC_P256.generate();
        PKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(
                new X500Name("CN=dir"), key.getPublic());
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "a.example"),
                new GeneralName(new X500Name("CN=elsewhere"))}));
        builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
        byte[] der = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BouncyCastle.provider())
                .build(key.getPrivate())).getEncoded();
        ParsedCsr parsed = CsrParser.parseDer(der);
        assertThat(parsed.sans().dnsNames()).containsExactly("a.example");
        assertThat(parsed.unsupportedSanTypes()).containsExactly(GeneralName.directoryName);
        assertThat(parsed.subject().getName()).isEqualTo("CN=dir");
        assertThat(parsed.requestedExtensions().getExtension(Extension.subjectAlternativeName)).isNotNull();
    }
}
