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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Nonces as AES-256-GCM tokens: {@code base64url(iv || seal(expiry))}, 48 characters. The 96-bit
 * IV is the nonce's id (what the replay record holds); the sealed expiry says until when it may be
 * used, and the tag proves this CA issued it, so nothing needs to be stored when a nonce is issued.
 *
 * <p>Two ways to make IVs, one per kind of key (NIST SP 800-38D §8.2): under a key replicas share,
 * random IVs (below 2^-32 chance of ever repeating one for the first 2^32 nonces, and replicas need
 * not agree on anything); under a key only this process knows, a counter (§8.2.1's deterministic
 * construction), which never repeats and numbers the nonces, so a single-process replay record can
 * be a bitmap ({@link LocalReplayRecord}).
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
    // Cipher objects are not thread-safe; one per request thread saves the provider lookup. Sealing
    // and opening use separate ones: a cipher refuses to encrypt under the key and IV it last
    // decrypted with, and anyone can send a token with the IV a counter sealer uses next.
    private final ThreadLocal<Cipher> sealing = ThreadLocal.withInitial(NonceSealer::newCipher);
    private final ThreadLocal<Cipher> opening = ThreadLocal.withInitial(NonceSealer::newCipher);

    /** Counter IVs only: the number of the next nonce. */
    private final AtomicLong counter;

    /**
     * An opened token: its id (base64url of the IV), its number (the IV's last 8 bytes, which only
     * counter IVs make meaningful) and when it expires.
     */
    record Opened(String id, long number, Instant expiresAt) {
    }

    /** A sealer with random IVs, for a key replicas share. */
    NonceSealer(byte[] key) {
        this(key, false);
    }

    /** @param counterIvs numbered IVs (only for a key no other process ever uses), else random ones */
    NonceSealer(byte[] key, boolean counterIvs) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the nonce key must have 32 bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
        this.counter = counterIvs ? new AtomicLong() : null;
    }

    String seal(Instant expiresAt) {
        return seal(expiresAt, number -> { });
    }

    /** Seals a nonce; a counter sealer tells {@code numbered} the nonce's number first. */
    String seal(Instant expiresAt, java.util.function.LongConsumer numbered) {
        byte[] token = new byte[TOKEN_BYTES];
        if (counter == null) {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            System.arraycopy(iv, 0, token, 0, IV_BYTES);
        } else {
            long number = counter.getAndIncrement();
            numbered.accept(number);
            ByteBuffer.wrap(token, IV_BYTES - Long.BYTES, Long.BYTES).putLong(number);
        }
        byte[] expiry = ByteBuffer.allocate(Long.BYTES).putLong(expiresAt.toEpochMilli()).array();
        try {
            Cipher c = sealing.get();
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
            Cipher c = opening.get();
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, token, 0, IV_BYTES));
            c.updateAAD(AAD);
            byte[] expiry = c.doFinal(token, IV_BYTES, token.length - IV_BYTES);
            String id = ENCODER.encodeToString(java.util.Arrays.copyOf(token, IV_BYTES));
            long number = ByteBuffer.wrap(token, IV_BYTES - Long.BYTES, Long.BYTES).getLong();
            return Optional.of(new Opened(id, number, Instant.ofEpochMilli(ByteBuffer.wrap(expiry).getLong())));
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
