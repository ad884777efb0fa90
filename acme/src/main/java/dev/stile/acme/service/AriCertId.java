package dev.stile.acme.service;

import dev.stile.acme.problem.AcmeException;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;

import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * The ARI certificate identifier (RFC 9773 §4.1): base64url(AKI keyIdentifier) "." base64url(DER
 * bytes of the serial number's INTEGER value), no padding.
 */
public final class AriCertId {

    private AriCertId() {
    }

    public static String of(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        if (ext == null) {
            throw new IllegalArgumentException("certificate " + cert.getSerialNumber().toString(16)
                    + " has no authority key identifier; ARI needs one");
        }
        byte[] keyId = AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getKeyIdentifier();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(keyId) + "." + b64.encodeToString(cert.getSerialNumber().toByteArray());
    }

    /** Checks the shape of a certID from a URL; malformed when it is not two base64url parts. */
    public static String checkShape(String certId) {
        String[] parts = certId == null ? new String[0] : certId.split("\\.", -1);
        try {
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()
                    || parts[0].contains("=") || parts[1].contains("=")) {
                throw new IllegalArgumentException();
            }
            Base64.getUrlDecoder().decode(parts[0]);
            Base64.getUrlDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw AcmeException.malformed("\"" + certId + "\" is not an ARI certID (base64url(AKI).base64url(serial), RFC 9773 §4.1)");
        }
        return certId;
    }
}
