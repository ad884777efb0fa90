package dev.stile.acme.validation.tls;

import dev.stile.acme.model.Identifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;

import java.io.IOException;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** The RFC 8737 §3 checks of a TLS-ALPN-01 challenge certificate. */
public final class AcmeIdentifierCertificate {

    /** id-pe-acmeIdentifier (RFC 8737 §6.1). */
    public static final String ACME_IDENTIFIER_OID = "1.3.6.1.5.5.7.1.31";

    private AcmeIdentifierCertificate() {
    }

    /**
     * Checks {@code cert} against the identifier and the expected SHA-256 of the key authorization.
     *
     * @return null when it is right, else the end of a sentence saying what is wrong
     */
    public static String check(X509Certificate cert, Identifier id, byte[] expectedDigest) {
        List<String> sans = new ArrayList<>();
        try {
            Collection<List<?>> all = cert.getSubjectAlternativeNames();
            if (all != null) {
                for (List<?> san : all) {
                    int kind = (Integer) san.get(0);
                    String value = String.valueOf(san.get(1));
                    sans.add((kind == 2 ? "DNS:" : kind == 7 ? "IP:" : "other:") + value);
                }
            }
        } catch (CertificateParsingException e) {
            return "its subjectAltName extension cannot be parsed";
        }
        boolean ip = Identifier.IP.equals(id.type());
        boolean match = sans.size() == 1 && (ip ? sameIp(sans.get(0), id.value())
                : sans.get(0).toLowerCase(Locale.ROOT).equals("dns:" + id.value().toLowerCase(Locale.ROOT)));
        if (!match) {
            return "it must name exactly " + (ip ? "IP:" : "DNS:") + id.value() + " in its subjectAltName but names "
                    + (sans.isEmpty() ? "nothing" : String.join(", ", sans));
        }
        byte[] ext = cert.getExtensionValue(ACME_IDENTIFIER_OID);
        if (ext == null) {
            return "it has no acmeIdentifier extension (" + ACME_IDENTIFIER_OID + ")";
        }
        if (cert.getCriticalExtensionOIDs() == null || !cert.getCriticalExtensionOIDs().contains(ACME_IDENTIFIER_OID)) {
            return "its acmeIdentifier extension is not marked critical";
        }
        byte[] value;
        try {
            ASN1Primitive outer = ASN1Primitive.fromByteArray(ext);
            ASN1Primitive inner = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(outer).getOctets());
            value = ASN1OctetString.getInstance(inner).getOctets();
        } catch (IOException | IllegalArgumentException e) {
            return "its acmeIdentifier extension is not a DER OCTET STRING";
        }
        if (!MessageDigest.isEqual(value, expectedDigest)) {
            return "the acmeIdentifier value " + HexFormat.of().formatHex(value) + " is not SHA-256 of the key "
                    + "authorization (" + HexFormat.of().formatHex(expectedDigest) + ")";
        }
        return null;
    }

    private static boolean sameIp(String san, String ip) {
        if (!san.startsWith("IP:")) {
            return false;
        }
        try {
            return InetAddress.getByName(san.substring(3)).equals(InetAddress.getByName(ip));
        } catch (IOException e) {
            return false;
        }
    }

    /** The reverse DNS name of an address (RFC 8738 §6), e.g. {@code 1.0.0.127.in-addr.arpa}. */
    public static String reverseName(InetAddress address) {
        byte[] b = address.getAddress();
        StringBuilder out = new StringBuilder();
        if (b.length == 4) {
            for (int i = 3; i >= 0; i--) {
                out.append(b[i] & 0xff).append('.');
            }
            return out.append("in-addr.arpa").toString();
        }
        for (int i = 15; i >= 0; i--) {
            out.append(Integer.toHexString(b[i] & 0x0f)).append('.').append(Integer.toHexString((b[i] >> 4) & 0x0f)).append('.');
        }
        return out.append("ip6.arpa").toString();
    }
}
