package dev.stile.acme.nonce;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Nonces as AES-256-GCM tokens: {@code base64url(iv || seal(expiry))}, 48 characters. The random
 * 96-bit IV is the nonce's id (what the replay record holds); the sealed expiry says until when it
 * may be used, and the tag proves this CA (any replica: they share the key) issued it, so nothing
 * needs to be stored when a nonce is issued. A random IV per token keeps the chance of ever
 * repeating one under a key below 2^-32 for the first 2^32 nonces (NIST SP 800-38D §8.3).
 */
final class NonceSealer {

    static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int TOKEN_BYTES = IV_BYTES + Long.BYTES + TAG_BITS / 8;
    /** Binds tokens to their purpose: the same key could not open anything else, nor the reverse. */
    private static final byte[] AAD = "stile acme nonce v1".getBytes(StandardCharsets.US_ASCII);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();
    // Cipher objects are not thread-safe; one per request thread saves the provider lookup.
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(NonceSealer::newCipher);

    /** An opened token: its id (base64url of the IV) and when it expires. */
    record Opened(String id, Instant expiresAt) {
    }

    NonceSealer(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the nonce key must have 32 bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    String seal(Instant expiresAt) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] token = java.util.Arrays.copyOf(iv, TOKEN_BYTES);
        byte[] expiry = ByteBuffer.allocate(Long.BYTES).putLong(expiresAt.toEpochMilli()).array();
        try {
            Cipher c = ciphers.get();
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, token, 0, IV_BYTES));
            c.updateAAD(AAD);
            c.doFinal(expiry, 0, expiry.length, token, IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed to seal a nonce: " + e.getMessage(), e);
        }
        return ENCODER.encodeToString(token);
    }

    /** The id and expiry of a token this key sealed; empty for anything else. */
    Optional<Opened> open(String nonce) {
        byte[] token;
        try {
            token = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (token.length != TOKEN_BYTES) {
            return Optional.empty();
        }
        try {
            Cipher c = ciphers.get();
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, token, 0, IV_BYTES));
            c.updateAAD(AAD);
            byte[] expiry = c.doFinal(token, IV_BYTES, token.length - IV_BYTES);
            String id = ENCODER.encodeToString(java.util.Arrays.copyOf(token, IV_BYTES));
            return Optional.of(new Opened(id, Instant.ofEpochMilli(ByteBuffer.wrap(expiry).getLong())));
        } catch (AEADBadTagException e) {
            return Optional.empty(); // not ours, altered, or sealed under another key
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed to open a nonce: " + e.getMessage(), e);
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JVM", e);
        }
    }
}
