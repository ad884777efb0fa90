package dev.stile.step;

import dev.stile.step.port.UsedTokenStore;

import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/** {@link UsedTokenStore} in memory, with a small purge batch so tests see several batches. */
class InMemoryUsedTokens implements UsedTokenStore {

    private final Map<String, Instant> used = new HashMap<>();
    private final int batch;
    int purgeCalls;

    InMemoryUsedTokens(int batch) {
        this.batch = batch;
    }

    @Override
    public synchronized boolean useOnce(String tokenId, Instant expiresAt) {
        return used.putIfAbsent(tokenId, expiresAt) == null;
    }

    @Override
    public synchronized int purgeExpired(Instant before) {
        purgeCalls++;
        int n = 0;
        for (Iterator<Instant> it = used.values().iterator(); it.hasNext() && n < batch; ) {
            if (it.next().isBefore(before)) {
                it.remove();
                n++;
            }
        }
        return n;
    }

    @Override
    public int purgeBatch() {
        return batch;
    }

    synchronized int size() {
        return used.size();
    }
}
