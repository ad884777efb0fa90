package dev.stile.provisioners;

import dev.stile.authority.ProvisionerExtension;

import dev.stile.provisioners.jwe.JoseProviders;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/** Keys, certificates and CSRs for tests, made with BouncyCastle. */
public final class TestPki {

    private TestPki() {
    }

    public static KeyPair ecKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", JoseProviders.bouncyCastle());
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair rsaKey(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA", JoseProviders.bouncyCastle());
            g.initialize(bits);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CA certificate (self-signed when issuer is null). */
    public static X509Certificate ca(String cn, KeyPair key, X509Certificate issuer, KeyPair issuerKey) {
        return cert(cn, key.getPublic(), issuer, issuer == null ? key : issuerKey, true, Instant.now().minusSeconds(86400 * 10),
                Instant.now().plusSeconds(86400 * 365), null, List.of());
    }

    /** A leaf certificate with digitalSignature and serverAuth+clientAuth, optional provisioner extension. */
    public static X509Certificate leaf(String cn, KeyPair key, X509Certificate issuer, KeyPair issuerKey,
                                       Instant notBefore, Instant notAfter, ProvisionerExtension ext,
                                       List<String> dnsNames) {
        return cert(cn, key.getPublic(), issuer, issuerKey, false, notBefore, notAfter, ext, dnsNames);
    }

    private static X509Certificate cert(String cn, java.security.PublicKey pub, X509Certificate issuer, KeyPair signer,
                                        boolean isCa, Instant nb, Instant na, ProvisionerExtension ext,
                                        List<String> dnsNames) {
        try {
            X500Name subject = new X500Name("CN=" + cn);
            X500Name issuerName = issuer == null ? subject : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName,
                    new BigInteger(64, new java.security.SecureRandom()).add(BigInteger.ONE),
                    Date.from(nb), Date.from(na), subject, pub);
            if (isCa) {
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(1));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        new KeyPurposeId[]{KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
                if (!dnsNames.isEmpty()) {
                    b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                            dnsNames.stream().map(d -> new GeneralName(GeneralName.dNSName, d)).toArray(GeneralName[]::new)));
                }
            }
            if (ext != null) {
                b.addExtension(ProvisionerExtension.OID, false, ext.encode());
            }
            var signerBuilder = new JcaContentSignerBuilder(
                    signer.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA")
                    .setProvider(JoseProviders.bouncyCastle());
            return new JcaX509CertificateConverter().setProvider(JoseProviders.bouncyCastle())
                    .getCertificate(b.build(signerBuilder.build(signer.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@link #csr} as the step side receives it: parsed and verified by the authority's CsrParser. */
    public static dev.stile.authority.csr.ParsedCsr parsedCsr(KeyPair key, String cn, List<String> sans) {
        try {
            return dev.stile.authority.csr.CsrParser.parseDer(csr(key, cn, sans).getEncoded());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CSR with a CN (may be empty) and SANs given in token {@code sans} syntax. */
    public static PKCS10CertificationRequest csr(KeyPair key, String cn, List<String> sans) {
        try {
            X500Name subject = cn.isEmpty() ? new X500Name(new org.bouncycastle.asn1.x500.RDN[0]) : new X500Name("CN=" + cn);
            var b = new JcaPKCS10CertificationRequestBuilder(subject, key.getPublic());
            if (!sans.isEmpty()) {
                GeneralName[] names = sans.stream().map(TestPki::generalName).toArray(GeneralName[]::new);
                ExtensionsGenerator g = new ExtensionsGenerator();
                g.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
                Extensions exts = g.generate();
                b.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, exts);
            }
            String alg = key.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            return b.build(new JcaContentSignerBuilder(alg).setProvider(JoseProviders.bouncyCastle()).build(key.getPrivate()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static GeneralName generalName(String s) {
        if (s.matches("[0-9.]+") || s.contains("::")) {
            return new GeneralName(GeneralName.iPAddress, s);
        }
        if (s.contains("://")) {
            return new GeneralName(GeneralName.uniformResourceIdentifier, s);
        }
        if (s.contains("@")) {
            return new GeneralName(GeneralName.rfc822Name, s);
        }
        return new GeneralName(GeneralName.dNSName, s);
    }

    public static String pem(X509Certificate... certs) {
        StringWriter w = new StringWriter();
        try (var pw = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(w)) {
            for (X509Certificate c : certs) {
                pw.writeObject(c);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }

    public static String pemPublicKey(java.security.PublicKey key) {
        StringWriter w = new StringWriter();
        try (var pw = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(w)) {
            pw.writeObject(key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }

    /** Go's []byte JSON encoding of a PEM text, as ca.json stores X5C roots and K8sSA keys. */
    public static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    public static String der64(X509Certificate c) {
        try {
            return Base64.getEncoder().encodeToString(c.getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
