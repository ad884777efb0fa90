package dev.stile.server.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A count from the database reused for a while, so that Prometheus scraping every few seconds
 * costs one cheap query per {@code ttl}, not one per scrape. On a database error the last value
 * stays (and the error is logged), rather than a scrape failing.
 */
public final class CachedCount implements LongSupplier {

    private static final Logger LOG = LoggerFactory.getLogger(CachedCount.class);

    private final String what;
    private final LongSupplier query;
    private final Duration ttl;
    private final Clock clock;
    private long value = -1;
    private Instant fetchedAt;

    public CachedCount(String what, LongSupplier query, Duration ttl, Clock clock) {
        this.what = what;
        this.query = Objects.requireNonNull(query, "query");
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public synchronized long getAsLong() {
        Instant now = clock.instant();
        if (fetchedAt == null || !now.isBefore(fetchedAt.plus(ttl))) {
            try {
                value = query.getAsLong();
            } catch (RuntimeException e) {
                LOG.warn("metric {}: count failed, keeping {}: {}", what, value, e.getMessage());
            }
            fetchedAt = now;
        }
        return value;
    }

    /** Forgets the cached value (after an issuance or retention run in tests). */
    synchronized void invalidate() {
        fetchedAt = null;
    }
}
