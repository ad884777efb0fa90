package dev.stile.provisioners.token;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A {@link TokenStore} in memory, for a CA without a database and for tests. Bounded: expired
 * entries are dropped when it fills, and if it is still full the token is refused with an error
 * rather than silently forgetting IDs (which would allow replay).
 */
public final class InMemoryTokenStore implements TokenStore {

    private final Clock clock;
    private final int maxEntries;
    private final Map<String, Instant> used = new HashMap<>();

    public InMemoryTokenStore(Clock clock, int maxEntries) {
        this.clock = clock;
        this.maxEntries = maxEntries;
    }

    @Override
    public synchronized boolean useOnce(String tokenId, Instant expiresAt) {
        if (used.containsKey(tokenId)) {
            return false;
        }
        if (used.size() >= maxEntries) {
            purgeExpired();
        }
        if (used.size() >= maxEntries) {
            throw new IllegalStateException("the in-memory list of used tokens is full (" + maxEntries
                    + " unexpired tokens); configure a database or lower the token lifetime");
        }
        used.put(tokenId, expiresAt);
        return true;
    }

    private void purgeExpired() {
        // Keep a minute past expiry: tokens are accepted with 60 s of clock leeway.
        Instant cutoff = clock.instant().minusSeconds(120);
        for (Iterator<Instant> it = used.values().iterator(); it.hasNext(); ) {
            if (it.next().isBefore(cutoff)) {
                it.remove();
            }
        }
    }

    /** Number of remembered token IDs. */
    public synchronized int size() {
        return used.size();
    }
}
