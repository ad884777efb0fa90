package dev.stile.testsupport.tls;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/**
 * Self-signed certificates for test servers: a plain one for an HTTPS server, and RFC 8737
 * TLS-ALPN-01 challenge certificates (with faults, to test that validators notice them).
 *
 * <pre>{@code
 * SSLContext https = TestCertificates.serverContext(TestCertificates.selfSigned("www.example.com"));
 * TestCertificates.Issued alpn = TestCertificates.acmeTlsAlpn("www.example.com", sha256OfKeyAuth, true);
 * }</pre>
 */
public final class TestCertificates {

    /** id-pe-acmeIdentifier. */
    public static final String ACME_IDENTIFIER_OID = "1.3.6.1.5.5.7.1.31";

    private TestCertificates() {
    }

    /** A key pair and its certificate. */
    public record Issued(KeyPair keys, X509Certificate certificate) {
    }

    /** A self-signed certificate with {@code dnsName} as its only SAN. */
    public static Issued selfSigned(String dnsName) {
        return build(new GeneralName(GeneralName.dNSName, dnsName), null, false);
    }

    /**
     * A TLS-ALPN-01 challenge certificate (RFC 8737 §3).
     *
     * @param san      the only SAN: a DNS name, or an IP address when it parses as one
     * @param digest   SHA-256 of the key authorization, put in id-pe-acmeIdentifier
     * @param critical whether that extension is critical (RFC 8737 requires it)
     */
    public static Issued acmeTlsAlpn(String san, byte[] digest, boolean critical) {
        boolean ip = san.matches("[0-9.]+") || san.contains(":");
        return build(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, san), digest, critical);
    }

    /** A server-side SSLContext presenting {@code issued}. */
    public static SSLContext serverContext(Issued issued) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", issued.keys().getPrivate(), new char[0], new X509Certificate[] {issued.certificate()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, new char[0]);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Issued build(GeneralName san, byte[] digest, boolean critical) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = g.generateKeyPair();
            X500Name subject = new X500Name("CN=stile test");
            Instant now = Instant.now();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(1, ChronoUnit.DAYS)), subject,
                    keys.getPublic());
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san));
            if (digest != null) {
                b.addExtension(new org.bouncycastle.asn1.ASN1ObjectIdentifier(ACME_IDENTIFIER_OID), critical,
                        new DEROctetString(digest));
            }
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            return new Issued(keys, cert);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
