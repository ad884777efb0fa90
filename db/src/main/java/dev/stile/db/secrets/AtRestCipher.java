package dev.stile.db.secrets;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Encrypts small secrets stored in the database (EAB HMAC keys) with AES-256-GCM. The key is
 * derived with HKDF-SHA256 (RFC 5869) from secret material the CA already holds — the
 * intermediate CA's private key, which every replica loads at start — so there is no new secret
 * to generate, store, back up or share between replicas.
 *
 * <p>Stored form: {@code enc:v1:KEYID:BASE64(nonce || ciphertext || tag)}. {@code KEYID} (8 hex
 * characters) identifies the derived key, so a value sealed under another CA key (after the
 * intermediate key was replaced) is reported as such instead of failing obscurely. The row's own
 * id is bound as associated data, so a sealed value copied to another row does not open.
 */
public final class AtRestCipher {

    private static final String PREFIX = "enc:v1:";
    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String keyId;

    private AtRestCipher(byte[] keyBytes) {
        this.key = new SecretKeySpec(keyBytes, "AES");
        this.keyId = HexFormat.of().formatHex(sha256(concat("stile key id".getBytes(StandardCharsets.US_ASCII), keyBytes)), 0, 4);
    }

    /**
     * Derives from a private key's secret number (EC {@code s}, RSA {@code d}), not from its file
     * encoding, so the same key re-exported by another tool or under another password still
     * derives the same cipher.
     */
    public static AtRestCipher derivedFrom(java.security.PrivateKey key, String purpose) {
        byte[] material;
        if (key instanceof java.security.interfaces.ECPrivateKey ec) {
            material = ec.getS().toByteArray();
        } else if (key instanceof java.security.interfaces.RSAPrivateKey rsa) {
            material = rsa.getPrivateExponent().toByteArray();
        } else {
            material = key.getEncoded();
        }
        return derivedFrom(material, purpose);
    }

    /**
     * @param secretMaterial e.g. the PKCS#8 encoding of the intermediate CA's private key
     * @param purpose        separates keys derived from the same material, e.g. {@code acme-eab-hmac}
     */
    public static AtRestCipher derivedFrom(byte[] secretMaterial, String purpose) {
        byte[] salt = "stile at-rest v1".getBytes(StandardCharsets.US_ASCII);
        byte[] prk = hmac(salt, secretMaterial);
        byte[] okm = hmac(prk, concat(purpose.getBytes(StandardCharsets.UTF_8), new byte[] {1}));
        return new AtRestCipher(okm); // one HKDF-Expand block: exactly the 32 bytes AES-256 needs
    }

    /** Whether a stored value is sealed (anything else is a plaintext value from before encryption). */
    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** Seals {@code secret}; {@code rowId} must be given again to open it. */
    public String seal(byte[] secret, String rowId) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            c.updateAAD(rowId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = concat(nonce, c.doFinal(secret));
            return PREFIX + keyId + ":" + Base64.getEncoder().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JVM", e);
        }
    }

    /**
     * Opens a sealed value.
     *
     * @throws UnreadableSecretException when it was sealed under another key or was altered
     */
    public byte[] open(String stored, String rowId) {
        if (!isSealed(stored)) {
            throw new IllegalArgumentException("not a sealed value");
        }
        String rest = stored.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        String sealedBy = colon < 0 ? "" : rest.substring(0, colon);
        if (!sealedBy.equals(keyId)) {
            throw new UnreadableSecretException("it was encrypted under another CA key (key id " + sealedBy
                    + ", this CA's is " + keyId + "); the intermediate CA key was replaced since");
        }
        try {
            byte[] sealed = Base64.getDecoder().decode(rest.substring(colon + 1));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, NONCE_BYTES));
            c.updateAAD(rowId.getBytes(StandardCharsets.UTF_8));
            return c.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new UnreadableSecretException("it does not decrypt (altered, or copied from another row)");
        }
    }

    /** The derived key's id, as written into sealed values. */
    public String keyId() {
        return keyId;
    }

    /** A sealed value that cannot be opened; the message completes "the secret of X cannot be read: ...". */
    public static final class UnreadableSecretException extends RuntimeException {
        UnreadableSecretException(String message) {
            super(message);
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
