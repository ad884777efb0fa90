package dev.stile.authority.keys;

import dev.stile.authority.crypto.CryptoProviders;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;

/**
 * Chooses the signature algorithm from the issuer key, as step-ca does (step-ca-api.md 9.1):
 * ECDSA with the hash matching the curve size, SHA256withRSA for RSA issuers, Ed25519 as is.
 */
public final class SignatureAlgorithms {

    private SignatureAlgorithms() {
    }

    /** The JCA name of the algorithm a CA holding {@code issuerPublicKey} signs with. */
    public static String forIssuer(PublicKey issuerPublicKey) {
        if (issuerPublicKey instanceof ECKey) {
            int bits = ((ECKey) issuerPublicKey).getParams().getCurve().getField().getFieldSize();
            if (bits > 384) {
                return "SHA512withECDSA";
            }
            return bits > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
        }
        if (issuerPublicKey instanceof RSAKey) {
            return "SHA256withRSA";
        }
        if ("Ed25519".equalsIgnoreCase(issuerPublicKey.getAlgorithm())
                || "EdDSA".equalsIgnoreCase(issuerPublicKey.getAlgorithm())) {
            return "Ed25519";
        }
        throw new IllegalArgumentException("issuer keys of type " + issuerPublicKey.getAlgorithm()
                + " are not supported; use EC or RSA");
    }

    /** A content signer for the issuer's private key, by the provider that serves its algorithm. */
    public static ContentSigner signer(PrivateKey issuerKey, PublicKey issuerPublicKey) {
        try {
            String algorithm = forIssuer(issuerPublicKey);
            return new JcaContentSignerBuilder(algorithm)
                    .setProvider(CryptoProviders.forSignature(algorithm, issuerKey))
                    .build(issuerKey);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot create a signer for the CA key: " + e.getMessage(), e);
        }
    }
}
