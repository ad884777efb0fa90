package dev.stile.step;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The used-token purge deletes batch after batch, keeps what may still be replayed, and survives a failing store. */
class UsedTokenPurgeTest {

    private final Clock clock = Clock.fixed(StepFixture.NOW, ZoneOffset.UTC);

    @Test
    void deletesEveryExpiredTokenInBatchesAndKeepsTheRest() {
        InMemoryUsedTokens store = new InMemoryUsedTokens(3);
        for (int i = 0; i < 7; i++) {
            store.useOnce("expired-" + i, StepFixture.NOW.minus(Duration.ofHours(1)));
        }
        store.useOnce("within-leeway", StepFixture.NOW.minus(Duration.ofMinutes(1)));
        store.useOnce("live", StepFixture.NOW.plus(Duration.ofMinutes(4)));

        new UsedTokenPurge(store, clock).run();

        assertThat(store.size()).isEqualTo(2);
        assertThat(store.purgeCalls).isEqualTo(3);
    }

    @Test
    void aFailingStoreIsLoggedNotThrown() {
        InMemoryUsedTokens broken = new InMemoryUsedTokens(3) {
            @Override
            public synchronized int purgeExpired(java.time.Instant before) {
                throw new IllegalStateException("database unreachable");
            }
        };
        new UsedTokenPurge(broken, clock).run();
    }
}
