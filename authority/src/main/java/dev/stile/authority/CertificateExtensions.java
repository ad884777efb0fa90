package dev.stile.authority;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** Key identifiers and fingerprints shared by CA and leaf certificates. */
public final class CertificateExtensions {

    private CertificateExtensions() {
    }

    /** SubjectKeyIdentifier = SHA-1 of the subjectPublicKey bit string (RFC 5280 4.2.1.2, method 1). */
    public static SubjectKeyIdentifier subjectKeyIdentifier(PublicKey key) {
        try {
            return new JcaX509ExtensionUtils().createSubjectKeyIdentifier(key);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }

    /**
     * AuthorityKeyIdentifier holding only the issuer's SKI (RFC 5280 4.2.1.1), as Go's x509 writes
     * it; falls back to computing the SKI when the issuer certificate has none.
     */
    public static AuthorityKeyIdentifier authorityKeyIdentifier(X509Certificate issuer) {
        byte[] extension = issuer.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        byte[] keyId;
        if (extension != null) {
            ASN1OctetString outer = ASN1OctetString.getInstance(extension);
            keyId = SubjectKeyIdentifier.getInstance(outer.getOctets()).getKeyIdentifier();
        } else {
            keyId = subjectKeyIdentifier(issuer.getPublicKey()).getKeyIdentifier();
        }
        return new AuthorityKeyIdentifier(keyId);
    }

    /** Lower-case hex SHA-256 of the certificate DER: step's root fingerprint. */
    public static String sha256Fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint certificate: " + e.getMessage(), e);
        }
    }
}
