package dev.stile.step;

import dev.stile.step.port.UsedTokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/**
 * The periodic chore that deletes used one-time tokens once they can no longer be replayed, so the
 * replay store does not grow without bound. Tokens are accepted with clock leeway, hence the margin.
 */
public final class UsedTokenPurge implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(UsedTokenPurge.class);
    /** Longer than the clock leeway a token's expiry is checked with. */
    static final Duration MARGIN = Duration.ofMinutes(5);

    private final UsedTokenStore store;
    private final Clock clock;

    public UsedTokenPurge(UsedTokenStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Deletes batch after batch; a failure is logged and left for the next run. */
    @Override
    public void run() {
        try {
            int n;
            do {
                n = store.purgeExpired(clock.instant().minus(MARGIN));
            } while (n >= store.purgeBatch());
        } catch (RuntimeException e) {
            LOG.warn("could not purge expired used tokens: {}", e.getMessage());
        }
    }
}
