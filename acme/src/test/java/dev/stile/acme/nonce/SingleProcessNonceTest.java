package dev.stile.acme.nonce;

import dev.stile.acme.store.fake.InMemoryNonceStore;
import dev.stile.acme.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Nonces of a server alone on its database (H2): a key of the process, the replay record in memory. */
class SingleProcessNonceTest {

    final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    final InMemoryNonceStore store = new InMemoryNonceStore();
    final NonceService nonces = NonceService.singleProcess(store, clock);

    @Test
    void okEachNonceIsAcceptedExactlyOnceAndNothingIsStored() {
        String n = nonces.issue();
        assertThat(n).matches("[A-Za-z0-9_-]{48}");
        assertThat(nonces.redeem(n)).isTrue();
        assertThat(nonces.redeem(n)).isFalse();
        assertThat(store.size()).as("no replay record in the store").isZero();
    }

    @Test
    void failANonceOfAnEarlierProcessAfterARestart() {
        String used = nonces.issue();
        String unused = nonces.issue();
        assertThat(nonces.redeem(used)).isTrue();
        NonceService restarted = NonceService.singleProcess(store, clock);
        assertThat(restarted.redeem(used)).as("a replay after a restart").isFalse();
        assertThat(restarted.redeem(unused)).as("sealed under the earlier process's key").isFalse();
        assertThat(restarted.redeem(restarted.issue())).isTrue();
    }

    @Test
    void okAForgedTokenWithTheNextCounterIvDoesNotStopIssuing() {
        byte[] first = Base64.getUrlDecoder().decode(nonces.issue());
        byte[] forged = new byte[first.length];
        forged[11] = 1; // the IV of nonce number 1, the next one sealed
        assertThat(nonces.redeem(Base64.getUrlEncoder().withoutPadding().encodeToString(forged))).isFalse();
        String next = nonces.issue();
        assertThat(nonces.redeem(next)).isTrue();
    }

    @Test
    void okNoncesAcrossBlocksAreAllAcceptedOnce() {
        List<String> issued = new ArrayList<>();
        for (int i = 0; i < LocalReplayRecord.BLOCK_NONCES + 10; i++) {
            issued.add(nonces.issue());
        }
        assertThat(new HashSet<>(issued)).hasSize(issued.size());
        // Out of order, as concurrent clients redeem them.
        for (int i = issued.size() - 1; i >= 0; i--) {
            assertThat(nonces.redeem(issued.get(i))).isTrue();
        }
        assertThat(issued).noneMatch(nonces::redeem);
    }

    @Test
    void okConcurrentRedeemsOfOneNonceAcceptExactlyOne() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 200; round++) {
                String n = nonces.issue();
                AtomicInteger accepted = new AtomicInteger();
                List<Future<?>> all = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    all.add(pool.submit(() -> {
                        if (nonces.redeem(n)) {
                            accepted.incrementAndGet();
                        }
                    }));
                }
                for (Future<?> f : all) {
                    f.get();
                }
                assertThat(accepted).hasValue(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void failExpiredAlteredAndForeignNonces() {
        String n = nonces.issue();
        byte[] token = Base64.getUrlDecoder().decode(nonces.issue());
        for (int i = 0; i < token.length; i++) {
            byte[] altered = token.clone();
            altered[i] ^= 1;
            assertThat(nonces.redeem(Base64.getUrlEncoder().withoutPadding().encodeToString(altered)))
                    .as("byte %d flipped", i).isFalse();
        }
        assertThat(nonces.redeem(new NonceService(new InMemoryNonceStore(), clock).issue())).isFalse();
        clock.advance(Duration.ofHours(1));
        assertThat(nonces.redeem(n)).isFalse();
    }

    @Test
    void okPurgeDropsOnlyBlocksWhoseNoncesHaveAllExpired() {
        String first = nonces.issue();
        assertThat(nonces.redeem(first)).isTrue();
        for (int i = 1; i < LocalReplayRecord.BLOCK_NONCES; i++) {
            nonces.issue();
        }
        clock.advance(Duration.ofMinutes(30));
        String secondBlock = nonces.issue(); // the first nonce of block 1; block 0's last expire 60 min from now
        assertThat(nonces.redeem(secondBlock)).isTrue();
        clock.advance(Duration.ofMinutes(61));
        assertThat(nonces.purgeExpired()).as("block 0's last nonces expired only within the clock margin").isZero();
        clock.advance(NonceService.CLOCK_SKEW_MARGIN);
        assertThat(nonces.purgeExpired()).isEqualTo(1);
        assertThat(nonces.purgeExpired()).as("block 1 holds the newest nonces").isZero();
        assertThat(nonces.redeem(first)).isFalse();
        String fresh = nonces.issue();
        assertThat(nonces.redeem(fresh)).isTrue();
        assertThat(nonces.redeem(fresh)).isFalse();
    }
}
