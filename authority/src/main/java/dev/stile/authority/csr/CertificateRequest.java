package dev.stile.authority.csr;

import dev.stile.authority.SubjectAlternativeNames;
import java.security.PublicKey;

/**
 * A PKCS#10 request whose signature was verified.
 *
 * @param der        the request as received (DER), e.g. for step's {@code cnf} hash check
 * @param publicKey  the key to certify
 * @param commonName subject CN, or {@code ""} when absent
 * @param sans       requested subject alternative names (from the extensionRequest attribute)
 */
public record CertificateRequest(byte[] der, PublicKey publicKey, String commonName, SubjectAlternativeNames sans) {
}
