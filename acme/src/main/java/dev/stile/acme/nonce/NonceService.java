package dev.stile.acme.nonce;

import dev.stile.acme.store.NonceStore;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Issues and redeems anti-replay nonces (RFC 8555 §6.5). A nonce is an AES-GCM token
 * ({@link NonceSealer}) carrying its expiry, so issuing one writes nothing. Two kinds:
 * <ul>
 * <li>{@linkplain #NonceService(NonceStore, Clock) shared}, for replicas on one database: the key is
 * kept in the {@link NonceStore}; redeeming is a single INSERT of the nonce's id into the shared
 * replay record, which accepts each id once whichever replica asks;</li>
 * <li>{@linkplain #singleProcess(NonceStore, Clock) single-process}, for a server that is alone on
 * its database (H2): the key is random per process and never stored, and the replay record is a
 * bitmap in memory ({@link LocalReplayRecord}), so redeeming writes nothing. A restart makes every
 * earlier nonce unreadable (clients retry {@code badNonce} with the fresh nonce of the error).</li>
 * </ul>
 * A nonce expires after
 * {@link #DEFAULT_LIFETIME}; nothing can evict a fresh unused one (dehydrated does not retry
 * {@code badNonce}); replay records are purged once their nonce has expired, with a margin for
 * replicas whose clocks differ.
 */
public final class NonceService implements NonceRedeemer {

    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
    /**
     * Replay records stay this long past their nonce's expiry, so that a replica whose clock is
     * behind (it still accepts the nonce) finds the record another replica's purge would have removed.
     */
    static final Duration CLOCK_SKEW_MARGIN = Duration.ofMinutes(5);
    private static final int PURGE_BATCH = 10_000;
    /** Longer than any token this service issues (48); anything longer is refused unopened. */
    private static final int MAX_LENGTH = 64;

    private final NonceStore store;
    private final Clock clock;
    private final Duration lifetime;
    /** Single-process only: the in-memory replay record. */
    private final LocalReplayRecord local;
    private volatile NonceSealer sealer;

    public NonceService(NonceStore store, Clock clock) {
        this(store, clock, DEFAULT_LIFETIME);
    }

    public NonceService(NonceStore store, Clock clock, Duration lifetime) {
        this(store, clock, lifetime, false);
    }

    private NonceService(NonceStore store, Clock clock, Duration lifetime, boolean singleProcess) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        if (singleProcess) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            this.sealer = new NonceSealer(key, true);
            this.local = new LocalReplayRecord(lifetime);
        } else {
            this.local = null;
        }
    }

    /**
     * Nonces for the only server on its database (H2): a key of this process, the replay record in
     * memory. The store is asked only whether it is available ({@link #issue}); it stores nothing.
     */
    public static NonceService singleProcess(NonceStore store, Clock clock) {
        return new NonceService(store, clock, DEFAULT_LIFETIME, true);
    }

    /**
     * A fresh nonce for a {@code Replay-Nonce} header; writes nothing, but fails like the store
     * while the store is known to be down (the nonce could not be redeemed).
     */
    public String issue() {
        store.requireAvailable();
        Instant now = clock.instant();
        if (local != null) {
            return sealer.seal(now.plus(lifetime), number -> local.issued(number, now));
        }
        return sealer().seal(now.plus(lifetime));
    }

    /** True exactly once for a nonce this service (or a replica) issued and that has not expired. */
    @Override
    public boolean redeem(String nonce) {
        if (nonce == null || nonce.isEmpty() || nonce.length() > MAX_LENGTH) {
            return false;
        }
        Optional<NonceSealer.Opened> opened = sealer().open(nonce);
        if (opened.isEmpty() || !clock.instant().isBefore(opened.get().expiresAt())) {
            return false;
        }
        if (local != null) {
            return local.markUsed(opened.get().number());
        }
        return store.markUsed(opened.get().id(), opened.get().expiresAt());
    }

    /**
     * Deletes one batch of replay records of long-expired nonces; call periodically. Returns how
     * many (single-process: how many blocks of the in-memory record).
     */
    public int purgeExpired() {
        Instant before = clock.instant().minus(CLOCK_SKEW_MARGIN);
        if (local != null) {
            return local.purgeExpired(before);
        }
        return store.purgeExpired(before, PURGE_BATCH);
    }

    /** The shared key, read (or, on a new database, created) once, at the first nonce. */
    private NonceSealer sealer() {
        NonceSealer s = sealer;
        if (s == null) {
            synchronized (this) {
                s = sealer;
                if (s == null) {
                    byte[] candidate = new byte[32];
                    new SecureRandom().nextBytes(candidate);
                    s = new NonceSealer(store.sharedKey(candidate));
                    sealer = s;
                }
            }
        }
        return s;
    }
}
