package dev.stile.authority.init;

import dev.stile.authority.CertificateExtensions;
import dev.stile.authority.Serials;
import dev.stile.authority.keys.KeyType;
import dev.stile.authority.keys.SignatureAlgorithms;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;

/**
 * Creates a root and an intermediate CA like {@code step ca init} (step-ca-api.md 9.4):
 * {@code CN=<name> Root CA, O=<name>} (path length 1) signing
 * {@code CN=<name> Intermediate CA, O=<name>} (path length 0), both valid for ten years, with
 * critical keyUsage certSign+cRLSign, critical basicConstraints, SKI and AKI.
 */
public final class PkiGenerator {

    /** step's 87600h. */
    public static final Duration CA_VALIDITY = Duration.ofHours(87600);

    private final Clock clock;

    public PkiGenerator(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A generated two-level PKI. */
    public record Pki(X509Certificate root, PrivateKey rootKey,
                      X509Certificate intermediate, PrivateKey intermediateKey) {
    }

    public Pki generate(String name, KeyType keyType) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the CA name must not be empty");
        }
        Instant now = clock.instant();
        KeyPair rootKeys = keyType.generate();
        KeyPair intermediateKeys = keyType.generate();
        X500Name rootName = caName(name + " Root CA", name);
        X509Certificate root = sign(rootName, rootKeys.getPublic(), rootName, rootKeys, null, 1, now);
        X509Certificate intermediate = sign(caName(name + " Intermediate CA", name), intermediateKeys.getPublic(),
                rootName, rootKeys, root, 0, now);
        return new Pki(root, rootKeys.getPrivate(), intermediate, intermediateKeys.getPrivate());
    }

    private static X500Name caName(String commonName, String organization) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, organization)
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    private X509Certificate sign(X500Name subject, PublicKey subjectKey, X500Name issuerName, KeyPair issuerKeys,
                                 X509Certificate issuerCertificate, int pathLength, Instant now) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, Serials.random(),
                    Date.from(now), Date.from(now.plus(CA_VALIDITY)), subject, subjectKey);
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(pathLength));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    CertificateExtensions.subjectKeyIdentifier(subjectKey));
            if (issuerCertificate != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        CertificateExtensions.authorityKeyIdentifier(issuerCertificate));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(SignatureAlgorithms.signer(issuerKeys.getPrivate(), issuerKeys.getPublic())));
        } catch (CertIOException | CertificateException e) {
            throw new IllegalStateException("cannot create CA certificate " + subject + ": " + e.getMessage(), e);
        }
    }
}
