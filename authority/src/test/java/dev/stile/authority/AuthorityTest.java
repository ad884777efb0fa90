package dev.stile.authority;

import dev.stile.authority.crypto.BouncyCastle;
import dev.stile.authority.init.PkiGenerator;
import dev.stile.authority.inventory.InMemoryCertificateStore;
import dev.stile.authority.keys.KeyMaterial;
import dev.stile.authority.keys.KeyMaterialTest;
import dev.stile.authority.keys.KeyType;
import dev.stile.authority.inventory.CertificateRecord;
import dev.stile.authority.ProvisionerExtension;
import dev.stile.authority.ProvisionerType;
import dev.stile.testsupport.Requirements;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthorityTest {

    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");
    private static final ProvisionerIdentity JWK = new ProvisionerIdentity("admin@example.com", "JWK", "kid-123");

    private static PkiGenerator.Pki pki;
    private final InMemoryCertificateStore store = new InMemoryCertificateStore();

    @TempDir
    Path dir;

    @BeforeAll
    static void createPki() {
        pki = new PkiGenerator(Clock.fixed(NOW.minus(Duration.ofDays(1)), ZoneOffset.UTC)).generate("Test", KeyType.EC_P256);
    }

    private Authority authority() {
        return new Authority(List.of(pki.root()), List.of(pki.intermediate()), pki.intermediateKey(), store,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static IssueRequest request(PublicKey key, String cn, SubjectAlternativeNames sans) {
        return new IssueRequest(key, cn, sans, null, null, DurationLimits.STEP_DEFAULTS, JWK, "alice");
    }

    @Test
    void issuesAStepLikeLeafAndSavesItFirst() throws Exception {
        KeyPair subject = KeyType.EC_P256.generate();
        SubjectAlternativeNames sans = SubjectAlternativeNames.classify(
                List.of("app.example.com", "10.0.0.5", "::1", "ops@example.com", "spiffe://example.com/app"));

        IssuedCertificate issued = authority().issue(request(subject.getPublic(), "app.example.com", sans));
        X509Certificate leaf = issued.leaf();

        assertThat(issued.chain()).containsExactly(leaf, pki.intermediate());
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=app.example.com");
        assertThat(leaf.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofMinutes(1)));
        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofHours(24)));
        assertThat(leaf.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getKeyUsage()).startsWith(true, false, false); // digitalSignature only
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");

        List<String> names = new ArrayList<>();
        for (List<?> name : leaf.getSubjectAlternativeNames()) {
            names.add(name.get(0) + "=" + name.get(1));
        }
        assertThat(names).containsExactly("2=app.example.com", "7=10.0.0.5", "7=0:0:0:0:0:0:0:1",
                "1=ops@example.com", "6=spiffe://example.com/app");
        assertThat(leaf.getNonCriticalExtensionOIDs()).contains("2.5.29.17");

        byte[] ski = ASN1OctetString.getInstance(
                ASN1OctetString.getInstance(leaf.getExtensionValue("2.5.29.14")).getOctets()).getOctets();
        assertThat(ski).isEqualTo(CertificateExtensions.subjectKeyIdentifier(subject.getPublic()).getKeyIdentifier());
        byte[] aki = AuthorityKeyIdentifier.getInstance(
                ASN1OctetString.getInstance(leaf.getExtensionValue("2.5.29.35")).getOctets())
                .getKeyIdentifierObject().getOctets();
        assertThat(aki).isEqualTo(CertificateExtensions.subjectKeyIdentifier(pki.intermediate().getPublicKey())
                .getKeyIdentifier());

        assertThat(ProvisionerExtension.from(leaf)).contains(new ProvisionerExtension(ProvisionerType.JWK,
                "admin@example.com", "kid-123"));
        assertThat(leaf.getNonCriticalExtensionOIDs()).contains("1.3.6.1.4.1.37476.9000.64.1");

        CertificateRecord saved = store.findBySerial(issued.serialHex()).orElseThrow();
        assertThat(saved.subject()).isEqualTo("CN=app.example.com");
        assertThat(saved.sans()).containsExactly("dns:app.example.com", "ip:10.0.0.5", "ip:0:0:0:0:0:0:0:1",
                "email:ops@example.com", "uri:spiffe://example.com/app");
        assertThat(saved.provisionerName()).isEqualTo("admin@example.com");
        assertThat(saved.provisionerType()).isEqualTo("JWK");
        assertThat(saved.requester()).isEqualTo("alice");
        assertThat(saved.keyType()).isEqualTo("EC-P256");
        assertThat(saved.pem()).isEqualTo(issued.leafPem());
        assertThat(saved.issuedAt()).isEqualTo(NOW);

        assertChainValidates(issued);
    }

    @Test
    void chainVerifiesWithOpenssl() throws Exception {
        String openssl = Requirements.program("openssl", "openssl");
        // openssl checks validity against the real clock, so issue with the system clock.
        PkiGenerator.Pki fresh = new PkiGenerator(Clock.systemUTC()).generate("Live", KeyType.EC_P256);
        Authority authority = new Authority(List.of(fresh.root()), List.of(fresh.intermediate()), fresh.intermediateKey(),
                store, Clock.systemUTC());
        IssuedCertificate issued = authority.issue(request(KeyType.RSA_2048.generate().getPublic(), "",
                SubjectAlternativeNames.classify(List.of("svc.local"))));
        Path root = dir.resolve("root.crt");
        Path intermediate = dir.resolve("intermediate.crt");
        Path leaf = dir.resolve("leaf.crt");
        KeyMaterial.writeCertificates(root, List.of(fresh.root()));
        KeyMaterial.writeCertificates(intermediate, List.of(fresh.intermediate()));
        KeyMaterial.writeCertificates(leaf, List.of(issued.leaf()));
        KeyMaterialTest.run(openssl, "verify", "-CAfile", root.toString(), "-untrusted", intermediate.toString(),
                "-purpose", "sslserver", leaf.toString());
    }

    @Test
    void rsaLeafGetsKeyEnciphermentAndEmptySubjectMakesSanCritical() {
        IssuedCertificate issued = authority().issue(request(KeyType.RSA_2048.generate().getPublic(), "",
                SubjectAlternativeNames.classify(List.of("svc.local"))));
        assertThat(issued.leaf().getKeyUsage()).startsWith(true, false, true);
        assertThat(issued.leaf().getSubjectX500Principal().getName()).isEmpty();
        assertThat(issued.leaf().getCriticalExtensionOIDs()).contains("2.5.29.17");
        assertThat(store.findBySerial(issued.serialHex()).orElseThrow().keyType()).isEqualTo("RSA-2048");
    }

    @Test
    void ed25519AndP384KeysAreAccepted() throws Exception {
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519", BouncyCastle.provider()).generateKeyPair();
        assertThat(authority().issue(request(ed.getPublic(), "ed", SubjectAlternativeNames.none())).leaf())
                .isNotNull();
        assertThat(store.list(dev.stile.authority.inventory.CertificateQuery.all(), dev.stile.core.PageRequest.first(5))
                .items().get(0).keyType()).isEqualTo("Ed25519");
        authority().issue(request(KeyType.EC_P384.generate().getPublic(), "p384", SubjectAlternativeNames.none()));
    }

    @Test
    void weakKeysAreRefused() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA", BouncyCastle.provider());
        rsa.initialize(1024);
        assertThatThrownBy(() -> authority().issue(request(rsa.generateKeyPair().getPublic(), "x",
                SubjectAlternativeNames.none())))
                .isInstanceOfSatisfying(AuthorityException.class,
                        e -> assertThat(e.category()).isEqualTo(AuthorityException.Category.FORBIDDEN))
                .hasMessage("the RSA key has 1024 bits; RSA keys must have at least 2048 bits");

        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC", BouncyCastle.provider());
        ec.initialize(new ECGenParameterSpec("secp256k1"));
        assertThatThrownBy(() -> authority().issue(request(ec.generateKeyPair().getPublic(), "x",
                SubjectAlternativeNames.none())))
                .isInstanceOfSatisfying(AuthorityException.class,
                        e -> assertThat(e.category()).isEqualTo(AuthorityException.Category.BAD_REQUEST))
                .hasMessageContaining("1.3.132.0.10").hasMessageContaining("only P-256, P-384 and P-521");
        assertThat(store.size()).isZero();
    }

    @Test
    void serialsArePositiveRandomAndAtLeast128Bits() {
        Set<String> serials = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            X509Certificate leaf = authority().issue(request(KeyType.EC_P256.generate().getPublic(), "s" + i,
                    SubjectAlternativeNames.none())).leaf();
            assertThat(leaf.getSerialNumber().signum()).isPositive();
            assertThat(leaf.getSerialNumber().bitLength()).isGreaterThanOrEqualTo(129);
            assertThat(leaf.getSerialNumber().toByteArray()).hasSizeLessThanOrEqualTo(20);
            serials.add(leaf.getSerialNumber().toString(16));
        }
        assertThat(serials).hasSize(20);
    }

    @Test
    void concurrentIssuanceProducesValidDistinctCertificates() throws Exception {
        Authority authority = authority();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<IssuedCertificate>> futures = new ArrayList<>();
            PublicKey key = KeyType.EC_P256.generate().getPublic();
            for (int i = 0; i < 100; i++) {
                String cn = "c" + i;
                futures.add(pool.submit(() -> authority.issue(request(key, cn, SubjectAlternativeNames.none()))));
            }
            for (java.util.concurrent.Future<IssuedCertificate> future : futures) {
                future.get().leaf().verify(pki.intermediate().getPublicKey());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.size()).isEqualTo(100);
    }

    @Test
    void storeFailureMeansNoCertificate() {
        store.failWith(new IllegalStateException("disk full"));
        assertThatThrownBy(() -> authority().issue(request(KeyType.EC_P256.generate().getPublic(), "x",
                SubjectAlternativeNames.none())))
                .isInstanceOfSatisfying(AuthorityException.class,
                        e -> assertThat(e.category()).isEqualTo(AuthorityException.Category.INTERNAL))
                .hasMessageContaining("not handed out").hasMessageContaining("did not confirm storing it").hasMessageContaining("disk full");
    }

    @Test
    void requestWithoutAnyNameIsRefused() {
        assertThatThrownBy(() -> authority().issue(request(KeyType.EC_P256.generate().getPublic(), "",
                SubjectAlternativeNames.none())))
                .hasMessageContaining("no common name and no subject alternative names");
    }

    @Test
    void exposesRootsIntermediatesAndFingerprint() throws Exception {
        Authority authority = authority();
        assertThat(authority.roots()).containsExactly(pki.root());
        assertThat(authority.intermediates()).containsExactly(pki.intermediate());
        String expected = java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(pki.root().getEncoded()));
        assertThat(authority.rootFingerprint()).isEqualTo(expected).matches("[0-9a-f]{64}");
    }

    @Test
    void refusesAKeyThatDoesNotMatchTheIntermediate() {
        assertThatThrownBy(() -> new Authority(List.of(pki.root()), List.of(pki.intermediate()), pki.rootKey(),
                store, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not belong to the intermediate certificate");
    }

    @Test
    void ipLiteralsAreNeverResolved() {
        SubjectAlternativeNames sans = SubjectAlternativeNames.classify(
                List.of("1host.example", "a@b.example", "https://x.example/p", "192.168.1.1"));
        assertThat(sans.dnsNames()).containsExactly("1host.example");
        assertThat(sans.emails()).containsExactly("a@b.example");
        assertThat(sans.uris()).containsExactly(URI.create("https://x.example/p"));
        assertThat(sans.ips()).extracting(InetAddress::getHostAddress).containsExactly("192.168.1.1");
    }

    private static void assertChainValidates(IssuedCertificate issued) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        CertPath path = factory.generateCertPath(issued.chain());
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(pki.root(), null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(NOW));
        CertPathValidator.getInstance("PKIX").validate(path, parameters);
        List<java.security.cert.Certificate> reparsed = new ArrayList<>(
                factory.generateCertificates(new java.io.ByteArrayInputStream(issued.chainPem().getBytes())));
        assertThat(reparsed).isEqualTo(new ArrayList<java.security.cert.Certificate>(issued.chain()));
    }
}
