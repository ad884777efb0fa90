package dev.stile.acme.testing;

import dev.stile.authority.crypto.BouncyCastle;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.port.CertificateIssuer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/** A tiny in-memory CA implementing {@link CertificateIssuer} for service tests. */
public final class TestIssuer implements CertificateIssuer {

    private final Clock clock;
    private final KeyPair caKey;
    private final X509Certificate caCert;
    private final List<IssueRequest> requests = new ArrayList<>();
    private RuntimeException failure;

    public TestIssuer(Clock clock) {
        this.clock = clock;
        try {
            this.caKey = ecKeyPair();
            X500Name name = new X500Name("CN=Test Intermediate CA");
            Instant now = clock.instant();
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                    Date.from(now.minusSeconds(3600)), Date.from(now.plusSeconds(86400 * 365)), name, caKey.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(caKey.getPublic()));
            this.caCert = new JcaX509CertificateConverter().setProvider(BouncyCastle.provider())
                    .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair ecKeyPair() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    /** The next issue() throws this. */
    public void failNextWith(RuntimeException e) {
        this.failure = e;
    }

    public synchronized List<IssueRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public synchronized IssuedCertificate issue(IssueRequest r) {
        requests.add(r);
        if (failure != null) {
            RuntimeException f = failure;
            failure = null;
            throw f;
        }
        try {
            Instant nb = r.notBefore() != null ? r.notBefore() : clock.instant().minusSeconds(60);
            Instant na = r.notAfter() != null ? r.notAfter() : clock.instant().plus(r.lifetime());
            List<GeneralName> names = new ArrayList<>();
            for (Identifier id : r.identifiers()) {
                names.add(new GeneralName(Identifier.IP.equals(id.type()) ? GeneralName.iPAddress : GeneralName.dNSName, id.value()));
            }
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caCert,
                    new BigInteger(128, new SecureRandom()).setBit(127), Date.from(nb), Date.from(na),
                    new X500Name("CN=" + (r.commonName() == null ? "" : r.commonName())), r.publicKey())
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(new GeneralName[0])))
                    .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(caCert));
            X509Certificate leaf = new JcaX509CertificateConverter().setProvider(BouncyCastle.provider())
                    .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA")
                            .setProvider(BouncyCastle.provider()).build(caKey.getPrivate())));
            return new IssuedCertificate(leaf, pem(leaf) + pem(caCert));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(X509Certificate c) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
