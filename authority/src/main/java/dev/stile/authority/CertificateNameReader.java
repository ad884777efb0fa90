package dev.stile.authority;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;

import java.security.cert.X509Certificate;

/**
 * Reads the names a certificate carries, the one way every role does (step renewal, ACME
 * revocation, admin certificates, the audit log): the subject CN and the subject alternative
 * names as {@link SubjectAlternativeNames}. Names of other kinds (otherName, directoryName, ...)
 * are not read.
 */
public final class CertificateNameReader {

    private CertificateNameReader() {
    }

    /** The subject's first common name as written (no RFC 4514 escaping), or {@code ""} when it has none. */
    public static String commonName(X509Certificate certificate) {
        RDN[] rdns = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
        if (rdns.length == 0) {
            return "";
        }
        ASN1Encodable value = rdns[0].getFirst().getValue();
        return value instanceof ASN1String ? ((ASN1String) value).getString() : value.toString();
    }

    /**
     * The DNS, IP, email and URI subject alternative names, grouped by kind.
     *
     * @throws AuthorityException bad request when the extension cannot be decoded
     */
    public static SubjectAlternativeNames sans(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.subjectAlternativeName.getId());
        if (extension == null) {
            return SubjectAlternativeNames.none();
        }
        try {
            GeneralNames names = GeneralNames.getInstance(ASN1OctetString.getInstance(extension).getOctets());
            return SubjectAlternativeNames.fromGeneralNames(names);
        } catch (AuthorityException e) {
            throw e;
        } catch (RuntimeException e) {
            throw AuthorityException.badRequest("the certificate's subject alternative names cannot be read: "
                    + e.getMessage());
        }
    }
}
