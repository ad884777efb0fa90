package dev.stile.acme.nonce;

import dev.stile.acme.store.fake.InMemoryNonceStore;
import dev.stile.acme.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class NonceServiceTest {

    final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    final InMemoryNonceStore store = new InMemoryNonceStore();
    final NonceService nonces = new NonceService(store, clock);

    @Test
    void okEachNonceIsAcceptedExactlyOnce() {
        String n = nonces.issue();
        assertThat(n).matches("[A-Za-z0-9_-]{22}");
        assertThat(nonces.redeem(n)).isTrue();
        assertThat(nonces.redeem(n)).isFalse();
    }

    @Test
    void okManyFreshNoncesAreAllAccepted() {
        Set<String> issued = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            issued.add(nonces.issue());
        }
        assertThat(issued).hasSize(5000);
        assertThat(issued).allMatch(nonces::redeem);
    }

    @Test
    void failExpiredAndUnknownNonces() {
        String n = nonces.issue();
        clock.advance(Duration.ofHours(1));
        assertThat(nonces.redeem(n)).isFalse();
        assertThat(nonces.redeem("nope")).isFalse();
        assertThat(nonces.redeem("")).isFalse();
        assertThat(nonces.redeem(null)).isFalse();
    }

    @Test
    void okPurgeRemovesOnlyExpired() {
        nonces.issue();
        clock.advance(Duration.ofMinutes(61));
        String fresh = nonces.issue();
        assertThat(nonces.purgeExpired()).isEqualTo(1);
        assertThat(store.size()).isEqualTo(1);
        assertThat(nonces.redeem(fresh)).isTrue();
    }
}
