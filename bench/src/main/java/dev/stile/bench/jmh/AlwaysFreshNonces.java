package dev.stile.bench.jmh;

import dev.stile.acme.store.NonceStore;

import java.time.Instant;

/**
 * A nonce store that accepts every nonce, so one pre-signed JWS can be verified again and again:
 * the benchmark then measures parsing and the signature check, not a map lookup.
 */
final class AlwaysFreshNonces implements NonceStore {

    @Override
    public void insert(String nonce, Instant expiresAt) {
    }

    @Override
    public boolean redeem(String nonce, Instant now) {
        return true;
    }

    @Override
    public int purgeExpired(Instant now, int limit) {
        return 0;
    }
}
