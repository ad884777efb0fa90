package dev.stile.acme.store;

import java.time.Instant;

/**
 * The shared state behind anti-replay nonces (RFC 8555 §6.5): the key every replica seals nonces
 * with, and the record of nonces already used. Issuing a nonce writes nothing; redeeming one is a
 * single INSERT whose unique key lets exactly one of any number of replicas accept it.
 */
public interface NonceStore {

    /**
     * The key every replica seals nonces with: the one stored, or {@code candidate} stored now when
     * there is none yet (of replicas starting together, the first to store wins and all get its key).
     */
    byte[] sharedKey(byte[] candidate);

    /**
     * Throws the store's outage error while it is known to be unreachable, without a round trip:
     * a nonce issued then could not be redeemed, so new-nonce answers the outage (503) instead.
     */
    default void requireAvailable() {
    }

    /**
     * Records that the nonce {@code id} was used; the record is kept until {@code expiresAt} (when
     * the nonce expires anyway). True exactly once per id, whichever replica asks.
     */
    boolean markUsed(String id, Instant expiresAt);

    /** Deletes up to {@code limit} records that expired before {@code before}; returns how many. */
    int purgeExpired(Instant before, int limit);
}
