package dev.stile.acme.nonce;

import dev.stile.acme.store.NonceStore;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

/**
 * Issues and redeems anti-replay nonces (RFC 8555 §6.5). Nonces are 128 random bits, base64url,
 * kept in the shared {@link NonceStore} so every replica accepts them; each is accepted once and
 * expires after {@link #DEFAULT_LIFETIME}. There is no capacity limit that could evict a fresh
 * unused nonce (dehydrated does not retry {@code badNonce}); the store is bounded by expiry and
 * {@link #purgeExpired()}.
 */
public final class NonceService {

    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
    private static final int PURGE_BATCH = 10_000;

    private final NonceStore store;
    private final Clock clock;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();

    public NonceService(NonceStore store, Clock clock) {
        this(store, clock, DEFAULT_LIFETIME);
    }

    public NonceService(NonceStore store, Clock clock, Duration lifetime) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
    }

    /** A fresh nonce for a {@code Replay-Nonce} header. */
    public String issue() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        store.insert(nonce, clock.instant().plus(lifetime));
        return nonce;
    }

    /** True exactly once for a nonce this service (or a replica) issued and that has not expired. */
    public boolean redeem(String nonce) {
        if (nonce == null || nonce.isEmpty() || nonce.length() > 64) {
            return false;
        }
        return store.redeem(nonce, clock.instant());
    }

    /** Deletes one batch of expired nonces; call periodically. Returns how many were deleted. */
    public int purgeExpired() {
        return store.purgeExpired(clock.instant(), PURGE_BATCH);
    }
}
