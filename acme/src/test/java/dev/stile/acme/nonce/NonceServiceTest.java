package dev.stile.acme.nonce;

import dev.stile.acme.store.fake.InMemoryNonceStore;
import dev.stile.acme.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Base64;
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
        assertThat(n).matches("[A-Za-z0-9_-]{48}");
        assertThat(nonces.redeem(n)).isTrue();
        assertThat(nonces.redeem(n)).isFalse();
    }

    @Test
    void okIssuingWritesNothingAndRedeemingWritesOneRecord() {
        String n = nonces.issue();
        assertThat(store.size()).isZero();
        assertThat(nonces.redeem(n)).isTrue();
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void okAReplicaOnTheSameStoreAcceptsTheNonceAndRefusesItsReplay() {
        NonceService replica = new NonceService(store, clock);
        String n = nonces.issue();
        assertThat(replica.redeem(n)).isTrue();
        assertThat(nonces.redeem(n)).isFalse();
        assertThat(replica.redeem(n)).isFalse();
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
        assertThat(nonces.redeem("%%%")).isFalse();
        assertThat(nonces.redeem("A".repeat(48))).isFalse();
        assertThat(nonces.redeem("A".repeat(65))).isFalse();
        assertThat(store.size()).as("refused nonces leave no record").isZero();
    }

    @Test
    void failAlteredTokensAndTokensOfAnotherCa() {
        byte[] token = Base64.getUrlDecoder().decode(nonces.issue());
        for (int i = 0; i < token.length; i++) {
            byte[] altered = token.clone();
            altered[i] ^= 1;
            assertThat(nonces.redeem(Base64.getUrlEncoder().withoutPadding().encodeToString(altered)))
                    .as("byte %d flipped", i).isFalse();
        }
        NonceService otherCa = new NonceService(new InMemoryNonceStore(), clock);
        assertThat(nonces.redeem(otherCa.issue())).isFalse();
    }

    @Test
    void okPurgeRemovesOnlyRecordsOfNoncesExpiredBeyondTheClockMargin() {
        assertThat(nonces.redeem(nonces.issue())).isTrue();
        clock.advance(NonceService.DEFAULT_LIFETIME);
        String fresh = nonces.issue();
        assertThat(nonces.redeem(fresh)).isTrue();
        assertThat(nonces.purgeExpired()).as("within the margin for slower clocks").isZero();
        clock.advance(NonceService.CLOCK_SKEW_MARGIN);
        assertThat(nonces.purgeExpired()).isEqualTo(1);
        assertThat(store.size()).isEqualTo(1);
        assertThat(nonces.redeem(fresh)).as("its record survived the purge").isFalse();
    }
}
