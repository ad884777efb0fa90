package dev.stile.authority.csr;

import dev.stile.authority.SubjectAlternativeNames;
import org.bouncycastle.asn1.x509.Extensions;

import javax.security.auth.x500.X500Principal;
import java.security.PublicKey;
import java.util.List;

/**
 * A PKCS#10 request that {@link CsrParser} parsed, whose signature verified and whose key passed
 * the CA's key rule. Callers pass this value along instead of parsing the request again.
 *
 * @param der                 the request as received (DER), e.g. for step's {@code cnf} hash check
 * @param publicKey           the key to certify
 * @param subject             the subject name as sent
 * @param commonName          subject CN, or {@code ""} when absent
 * @param sans                requested subject alternative names (from the extensionRequest attribute)
 * @param unsupportedSanTypes GeneralName tags of requested names {@code sans} cannot carry (otherName,
 *                            directoryName, ...); each protocol decides whether to refuse them
 * @param requestedExtensions the extensionRequest attribute's extensions, or {@code null} when absent
 */
public record ParsedCsr(byte[] der, PublicKey publicKey, X500Principal subject, String commonName,
                        SubjectAlternativeNames sans, List<Integer> unsupportedSanTypes,
                        Extensions requestedExtensions) {

    public ParsedCsr {
        der = der.clone();
        unsupportedSanTypes = List.copyOf(unsupportedSanTypes);
    }

    /** A copy, so the value stays immutable. */
    @Override
    public byte[] der() {
        return der.clone();
    }
}
