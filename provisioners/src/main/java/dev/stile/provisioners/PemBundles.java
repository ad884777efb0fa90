package dev.stile.provisioners;

import dev.stile.provisioners.jwe.JoseProviders;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * PEM bundles as step-ca stores them in ca.json: a Go {@code []byte} field, i.e. standard base64 of
 * the PEM text. Plain PEM text is accepted too, since that is what people paste.
 */
public final class PemBundles {

    private PemBundles() {
    }

    /** The PEM text of a ca.json bundle value (base64 of PEM, or PEM itself). */
    public static String pemText(String value) {
        String v = value.trim();
        if (v.startsWith("-----BEGIN")) {
            return v;
        }
        try {
            return new String(Base64.getMimeDecoder().decode(v), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("it is neither PEM nor base64 of PEM");
        }
    }

    /** Every certificate in a PEM text. */
    public static List<X509Certificate> certificates(String pem) throws IOException, GeneralSecurityException {
        List<X509Certificate> out = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter().setProvider(JoseProviders.bouncyCastle());
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o;
            while ((o = parser.readObject()) != null) {
                if (o instanceof X509CertificateHolder) {
                    out.add(converter.getCertificate((X509CertificateHolder) o));
                }
            }
        }
        return out;
    }

    /** Every public key in a PEM text: PUBLIC KEY, RSA PUBLIC KEY, certificates, or key pairs. */
    public static List<PublicKey> publicKeys(String pem) throws IOException, GeneralSecurityException {
        List<PublicKey> out = new ArrayList<>();
        JcaPEMKeyConverter keys = new JcaPEMKeyConverter().setProvider(JoseProviders.bouncyCastle());
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o;
            while ((o = parser.readObject()) != null) {
                if (o instanceof SubjectPublicKeyInfo) {
                    out.add(keys.getPublicKey((SubjectPublicKeyInfo) o));
                } else if (o instanceof X509CertificateHolder) {
                    out.add(keys.getPublicKey(((X509CertificateHolder) o).getSubjectPublicKeyInfo()));
                } else if (o instanceof PEMKeyPair) {
                    out.add(keys.getPublicKey(((PEMKeyPair) o).getPublicKeyInfo()));
                }
            }
        }
        return out;
    }
}
