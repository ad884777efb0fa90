package dev.stile.authority.keys;

import dev.stile.authority.AuthorityException;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;

/**
 * Names public keys the way the inventory and error messages do ({@code EC-P256},
 * {@code RSA-2048}, {@code Ed25519}) and decides which keys are strong enough to certify.
 * The curve is read from the encoded key, so the check does not depend on the JCA provider that
 * produced the key object.
 */
public final class PublicKeys {

    /** Curves step-ca accepts in certificate requests (step-ca-api.md 3.3). */
    private static final Map<ASN1ObjectIdentifier, String> ALLOWED_CURVES = Map.of(
            SECObjectIdentifiers.secp256r1, "P256",
            SECObjectIdentifiers.secp384r1, "P384",
            SECObjectIdentifiers.secp521r1, "P521");

    /** RSA keys below this size are refused, as step-ca does. */
    public static final int MIN_RSA_BITS = 2048;

    /**
     * RSA keys above this size are refused: nobody needs them, and a hostile 16k-bit key costs
     * verification time on every request (ACME already refused them; Let's Encrypt stops at 4096).
     */
    public static final int MAX_RSA_BITS = 8192;

    private PublicKeys() {
    }

    /** A short description such as {@code EC-P256}, {@code RSA-3072} or {@code Ed25519}. */
    public static String describe(PublicKey key) {
        if (key instanceof RSAPublicKey) {
            return "RSA-" + ((RSAPublicKey) key).getModulus().bitLength();
        }
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(key.getEncoded());
        ASN1ObjectIdentifier algorithm = info.getAlgorithm().getAlgorithm();
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
            ASN1ObjectIdentifier curve = curveOf(info);
            String name = curve == null ? null : ALLOWED_CURVES.get(curve);
            return "EC-" + (name != null ? name : curve != null ? curve.getId() : "explicit-parameters");
        }
        if (EdECObjectIdentifiers.id_Ed25519.equals(algorithm)) {
            return "Ed25519";
        }
        return key.getAlgorithm();
    }

    /**
     * The CA's one key rule, for every CSR (step and ACME alike) and every issuance: refuses RSA
     * below 2048 bits (403, as step-ca), RSA above 8192 bits, EC keys on curves other than
     * P-256/P-384/P-521 and key types other than RSA, ECDSA and Ed25519 (400).
     */
    public static void requireAcceptable(PublicKey key) {
        if (key instanceof RSAPublicKey) {
            int bits = ((RSAPublicKey) key).getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                throw AuthorityException.forbidden("the RSA key has " + bits
                        + " bits; RSA keys must have at least " + MIN_RSA_BITS + " bits");
            }
            if (bits > MAX_RSA_BITS) {
                throw AuthorityException.badRequest("the RSA key has " + bits
                        + " bits; RSA keys of more than " + MAX_RSA_BITS + " bits are not accepted");
            }
            return;
        }
        SubjectPublicKeyInfo info;
        try {
            info = SubjectPublicKeyInfo.getInstance(key.getEncoded());
        } catch (RuntimeException e) {
            throw AuthorityException.badRequest("the public key cannot be decoded: " + e.getMessage());
        }
        ASN1ObjectIdentifier algorithm = info.getAlgorithm().getAlgorithm();
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
            ASN1ObjectIdentifier curve = curveOf(info);
            if (curve == null || !ALLOWED_CURVES.containsKey(curve)) {
                throw AuthorityException.badRequest("the EC key uses curve "
                        + (curve == null ? "with explicit parameters" : curve.getId())
                        + "; only P-256, P-384 and P-521 are accepted");
            }
            return;
        }
        if (EdECObjectIdentifiers.id_Ed25519.equals(algorithm)) {
            return;
        }
        throw AuthorityException.badRequest("keys of type " + key.getAlgorithm()
                + " are not accepted; use RSA (2048 bits or more), ECDSA (P-256, P-384, P-521) or Ed25519");
    }

    /** True for RSA keys, which also get keyEncipherment (step-ca-api.md 9.1). */
    public static boolean isRsa(PublicKey key) {
        return key instanceof RSAPublicKey || "RSA".equalsIgnoreCase(key.getAlgorithm());
    }

    private static ASN1ObjectIdentifier curveOf(SubjectPublicKeyInfo info) {
        if (info.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier) {
            return (ASN1ObjectIdentifier) info.getAlgorithm().getParameters();
        }
        return null;
    }
}
