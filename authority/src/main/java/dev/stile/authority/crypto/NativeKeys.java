package dev.stile.authority.crypto;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns EC and RSA keys into key objects of the native provider, once. The native provider reads
 * foreign keys through their DER encoding, which costs a parse per signature and fails outright for
 * BouncyCastle keys built from a JWK (BouncyCastle encodes those with explicit curve parameters).
 * Building the native key from the numbers (point, curve, modulus) works for every key of a curve
 * it knows; whatever it cannot take stays as it is and is then handled by BouncyCastle.
 */
public final class NativeKeys {

    /** Enough for every provisioner key and the busy ACME accounts of a small CA; bounded. */
    static final int CACHE_SIZE = 256;

    private static final Set<Object> NAMED_CURVES = Set.of(SECObjectIdentifiers.secp256r1,
            SECObjectIdentifiers.secp384r1, SECObjectIdentifiers.secp521r1);

    private static final Map<PublicKey, PublicKey> CACHE = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PublicKey, PublicKey> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private NativeKeys() {
    }

    /** True when the native provider is in use and this key is one of its own objects. */
    public static boolean isNative(Key key) {
        Provider p = CryptoProviders.nativeOrNull();
        return p != null && key != null && key.getClass().getClassLoader() == p.getClass().getClassLoader();
    }

    /** The public key as a native key object (cached), or the key itself when that is not possible. */
    public static PublicKey forVerifying(PublicKey key) {
        Provider p = CryptoProviders.nativeOrNull();
        if (p == null || key == null || isNative(key) || !(key instanceof ECPublicKey || key instanceof RSAPublicKey)) {
            return key;
        }
        synchronized (CACHE) {
            PublicKey cached = CACHE.get(key);
            if (cached != null) {
                return cached;
            }
        }
        PublicKey converted = convert(p, key);
        synchronized (CACHE) {
            CACHE.put(key, converted);
        }
        return converted;
    }

    /** The JWK with its public key as a native key object when possible (kid, alg and use kept). */
    public static PublicJsonWebKey forVerifying(PublicJsonWebKey jwk) {
        PublicKey converted = forVerifying(jwk.getPublicKey());
        if (converted == jwk.getPublicKey()) {
            return jwk;
        }
        try {
            PublicJsonWebKey copy = PublicJsonWebKey.Factory.newPublicJwk(converted);
            copy.setKeyId(jwk.getKeyId());
            copy.setAlgorithm(jwk.getAlgorithm());
            copy.setUse(jwk.getUse());
            return copy;
        } catch (JoseException e) {
            return jwk;
        }
    }

    /**
     * The private key as a native key object, so signing does not re-parse it every time; the key
     * itself when the native provider is not in use or cannot take it (Ed25519, unknown curves).
     */
    public static PrivateKey forSigning(PrivateKey key) {
        Provider p = CryptoProviders.nativeOrNull();
        if (p == null || isNative(key)) {
            return key;
        }
        try {
            if (key instanceof ECPrivateKey ec) {
                return KeyFactory.getInstance("EC", p).generatePrivate(new ECPrivateKeySpec(ec.getS(), ec.getParams()));
            }
            if ("RSA".equals(key.getAlgorithm())) {
                return (PrivateKey) KeyFactory.getInstance("RSA", p).translateKey(key);
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            return key;
        }
        return key;
    }

    /** True when the native provider can read this key's DER: RSA, or EC on P-256, P-384 or P-521 by name. */
    static boolean nativeReadable(SubjectPublicKeyInfo spki) {
        ASN1ObjectIdentifier algorithm = spki.getAlgorithm().getAlgorithm();
        if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
            return true;
        }
        return X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)
                && NAMED_CURVES.contains(spki.getAlgorithm().getParameters());
    }

    private static PublicKey convert(Provider p, PublicKey key) {
        try {
            if (key instanceof ECPublicKey ec) {
                return KeyFactory.getInstance("EC", p).generatePublic(new ECPublicKeySpec(ec.getW(), ec.getParams()));
            }
            RSAPublicKey rsa = (RSAPublicKey) key;
            return KeyFactory.getInstance("RSA", p).generatePublic(
                    new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        } catch (GeneralSecurityException | RuntimeException e) {
            return key;
        }
    }
}
