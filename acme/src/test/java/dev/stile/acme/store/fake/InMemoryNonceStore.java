package dev.stile.acme.store.fake;

import dev.stile.acme.store.NonceStore;

import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/** HashMap fake of {@link NonceStore}. */
public final class InMemoryNonceStore implements NonceStore {

    private final Map<String, Instant> nonces = new HashMap<>();

    @Override
    public synchronized void insert(String nonce, Instant expiresAt) {
        nonces.put(nonce, expiresAt);
    }

    @Override
    public synchronized boolean redeem(String nonce, Instant now) {
        Instant exp = nonces.get(nonce);
        if (exp == null || !now.isBefore(exp)) {
            return false;   // an expired nonce stays until purged, as in the database
        }
        nonces.remove(nonce);
        return true;
    }

    @Override
    public synchronized int purgeExpired(Instant now, int limit) {
        int n = 0;
        for (Iterator<Instant> it = nonces.values().iterator(); it.hasNext() && n < limit; ) {
            if (!now.isBefore(it.next())) {
                it.remove();
                n++;
            }
        }
        return n;
    }

    public synchronized int size() {
        return nonces.size();
    }
}
