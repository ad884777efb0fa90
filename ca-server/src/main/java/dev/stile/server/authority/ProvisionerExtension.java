package dev.stile.server.authority;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.Extension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * step's provisioner extension, OID {@code 1.3.6.1.4.1.37476.9000.64.1} (step-ca-api.md 4.7):
 * {@code SEQUENCE { type INTEGER, name OCTET STRING, credentialID OCTET STRING }}. Renewal in
 * step tooling uses it to find the issuing provisioner by name.
 */
public final class ProvisionerExtension {

    public static final ASN1ObjectIdentifier OID = new ASN1ObjectIdentifier("1.3.6.1.4.1.37476.9000.64.1");

    private ProvisionerExtension() {
    }

    /** The non-critical extension for a certificate issued by {@code provisioner}. */
    public static Extension of(ProvisionerIdentity provisioner) {
        ASN1EncodableVector fields = new ASN1EncodableVector();
        fields.add(new ASN1Integer(provisioner.typeCode()));
        fields.add(new DEROctetString(provisioner.name().getBytes(StandardCharsets.UTF_8)));
        fields.add(new DEROctetString(provisioner.credentialId().getBytes(StandardCharsets.UTF_8)));
        try {
            return new Extension(OID, false, new DERSequence(fields).getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the provisioner extension", e);
        }
    }

    /**
     * Reads the extension from a certificate.
     *
     * @return type code, name and credential id, or empty when the certificate has no such extension
     */
    public static Optional<Decoded> read(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(OID.getId());
        if (value == null) {
            return Optional.empty();
        }
        try {
            ASN1Sequence sequence = ASN1Sequence.getInstance(ASN1OctetString.getInstance(value).getOctets());
            int type = ASN1Integer.getInstance(sequence.getObjectAt(0)).intValueExact();
            String name = new String(ASN1OctetString.getInstance(sequence.getObjectAt(1)).getOctets(),
                    StandardCharsets.UTF_8);
            String credentialId = new String(ASN1OctetString.getInstance(sequence.getObjectAt(2)).getOctets(),
                    StandardCharsets.UTF_8);
            return Optional.of(new Decoded(type, name, credentialId));
        } catch (RuntimeException e) {
            throw AuthorityException.badRequest("the certificate's provisioner extension is malformed: "
                    + e.getMessage());
        }
    }

    /** The decoded extension. */
    public record Decoded(int typeCode, String name, String credentialId) {
    }
}
