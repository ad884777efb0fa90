package dev.stile.authority;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * step-ca's provisioner extension (OID 1.3.6.1.4.1.37476.9000.64.1, reference section 4.7): tells
 * which provisioner issued a certificate, so renewals and revocations map back to it. Stile writes
 * it the same way, so certificates from step-ca and Stile are interchangeable.
 *
 * @param type         the provisioner type (code in the extension)
 * @param name         the provisioner name
 * @param credentialId the JWK key ID, empty for other types
 */
public record ProvisionerExtension(ProvisionerType type, String name, String credentialId) {

    public static final ASN1ObjectIdentifier OID = new ASN1ObjectIdentifier("1.3.6.1.4.1.37476.9000.64.1");

    /** The DER value (the content of the extension's OCTET STRING), non-critical. */
    public byte[] encode() {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new ASN1Integer(type.code()));
        v.add(new DEROctetString(name.getBytes(StandardCharsets.UTF_8)));
        v.add(new DEROctetString(credentialId.getBytes(StandardCharsets.UTF_8)));
        try {
            return new DERSequence(v).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the extension from a certificate; empty when the certificate has none. */
    public static Optional<ProvisionerExtension> from(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue(OID.getId());
        if (ext == null) {
            return Optional.empty();
        }
        try {
            byte[] value = ASN1OctetString.getInstance(ext).getOctets();
            return Optional.of(decode(value));
        } catch (RuntimeException | IOException e) {
            throw new IllegalArgumentException("certificate " + cert.getSerialNumber()
                    + " has an unreadable provisioner extension: " + e.getMessage(), e);
        }
    }

    /** Parses the DER value. */
    public static ProvisionerExtension decode(byte[] der) throws IOException {
        ASN1Sequence seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
        int code = ASN1Integer.getInstance(seq.getObjectAt(0)).intValueExact();
        String name = new String(ASN1OctetString.getInstance(seq.getObjectAt(1)).getOctets(), StandardCharsets.UTF_8);
        String cred = seq.size() > 2
                ? new String(ASN1OctetString.getInstance(seq.getObjectAt(2)).getOctets(), StandardCharsets.UTF_8)
                : "";
        return new ProvisionerExtension(ProvisionerType.ofCode(code), name, cred);
    }
}
