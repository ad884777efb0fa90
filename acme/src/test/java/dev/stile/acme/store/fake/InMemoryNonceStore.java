package dev.stile.acme.store.fake;

import dev.stile.acme.store.NonceStore;

import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/** HashMap fake of {@link NonceStore}. */
public final class InMemoryNonceStore implements NonceStore {

    private final Map<String, Instant> used = new HashMap<>();
    private byte[] key;

    @Override
    public synchronized byte[] sharedKey(byte[] candidate) {
        if (key == null) {
            key = candidate.clone();
        }
        return key.clone();
    }

    @Override
    public synchronized boolean markUsed(String id, Instant expiresAt) {
        return used.putIfAbsent(id, expiresAt) == null;
    }

    @Override
    public synchronized int purgeExpired(Instant before, int limit) {
        int n = 0;
        for (Iterator<Instant> it = used.values().iterator(); it.hasNext() && n < limit; ) {
            if (!before.isBefore(it.next())) {
                it.remove();
                n++;
            }
        }
        return n;
    }

    /** How many replay records are kept. */
    public synchronized int size() {
        return used.size();
    }
}
