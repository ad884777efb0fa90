package dev.stile.acme.store;

import java.time.Instant;

/**
 * Anti-replay nonces (RFC 8555 §6.5) in the shared database, so any replica accepts a nonce any
 * other replica issued. One INSERT per issue, one DELETE per redeem.
 */
public interface NonceStore {

    void insert(String nonce, Instant expiresAt);

    /** Deletes the nonce if present and not expired; true exactly once per issued nonce. */
    boolean redeem(String nonce, Instant now);

    /** Deletes up to {@code limit} expired nonces; returns how many. */
    int purgeExpired(Instant now, int limit);
}
