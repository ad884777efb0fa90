package dev.stile.acme.store.contract;

import dev.stile.acme.model.Account;
import dev.stile.acme.model.Authorization;
import dev.stile.acme.model.Challenge;
import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.model.Order;
import dev.stile.acme.model.Status;
import dev.stile.acme.service.OrderReconciler;
import dev.stile.acme.store.AcmeCertificate;
import dev.stile.acme.store.OrderStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recovery after a crash, on every store implementation: an order a finalize left
 * {@code processing} is reconciled once its deadline has passed (certificate stored → valid, not
 * stored → ready again), and validation leases are held by one owner until they expire.
 */
public abstract class RecoveryContract {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private AcmeStoreContract.Stores s;

    protected abstract AcmeStoreContract.Stores newStores();

    @BeforeEach
    void open() {
        s = newStores();
    }

    @Test
    void finalizesLeftProcessingAreReconciledOnceTheirDeadlineHasPassed() {
        Order issued = readyOrder("issued.example.com");
        Order lost = readyOrder("lost.example.com");
        Order recent = readyOrder("recent.example.com");
        String certId = id();
        assertThat(s.orders().beginProcessing(issued.id(), certId, NOW)).isTrue();
        assertThat(s.orders().beginProcessing(issued.id(), id(), NOW)).as("only once").isFalse();
        assertThat(s.orders().beginProcessing(lost.id(), id(), NOW)).isTrue();
        assertThat(s.orders().beginProcessing(recent.id(), id(), NOW.plusSeconds(8))).isTrue();
        // The crash came after the certificate of the first order was stored, before the order was completed.
        s.certificates().save(new AcmeCertificate(certId, issued.accountId(), "acme", "a1b2",
                issued.identifiers(), "PEM", NOW, NOW.plus(Duration.ofHours(24)), "AKI." + certId, false));

        assertThat(reconcilerAt(NOW.plusSeconds(5)).reconcile()).as("nothing is past the deadline yet").isZero();
        assertThat(reconcilerAt(NOW.plusSeconds(11)).reconcile()).isEqualTo(2);

        Order valid = s.orders().findOrder(issued.id()).orElseThrow();
        assertThat(valid.status()).isEqualTo(Status.VALID);
        assertThat(valid.certificateId()).isEqualTo(certId);
        Order ready = s.orders().findOrder(lost.id()).orElseThrow();
        assertThat(ready.status()).as("finalizable again").isEqualTo(Status.PENDING);
        assertThat(ready.certificateId()).isNull();
        assertThat(s.orders().findOrder(recent.id()).orElseThrow().status()).isEqualTo(Status.PROCESSING);
        assertThat(s.orders().beginProcessing(lost.id(), id(), NOW.plusSeconds(12))).as("a second finalize may start").isTrue();

        assertThat(reconcilerAt(NOW.plusSeconds(30)).reconcile()).isEqualTo(2);
        assertThat(s.orders().findStalledOrders(NOW.plusSeconds(60), 10)).isEmpty();
    }

    @Test
    void aValidationLeaseIsHeldByOneOwnerUntilItExpires() {
        Order o = readyOrder(null);
        Authorization az = s.orders().findAuthorization(o.authorizationIds().get(0)).orElseThrow();
        String ch = az.challenges().get(0).id();
        assertThat(s.orders().leaseChallenge(ch, "a", NOW, NOW.plusSeconds(10))).as("not processing").isFalse();
        assertThat(s.orders().markChallengeProcessing(ch, NOW)).isTrue();
        assertThat(s.orders().findUnleasedChallenges(NOW, NOW.minusSeconds(10), 10)).as("just triggered").isEmpty();
        assertThat(s.orders().findUnleasedChallenges(NOW.plusSeconds(11), NOW.plusSeconds(1), 10))
                .extracting(OrderStore.ProcessingChallenge::challengeId).containsExactly(ch);

        assertThat(s.orders().leaseChallenge(ch, "a", NOW, NOW.plusSeconds(10))).isTrue();
        assertThat(s.orders().leaseChallenge(ch, "b", NOW.plusSeconds(5), NOW.plusSeconds(15))).isFalse();
        assertThat(s.orders().leaseChallenge(ch, "a", NOW.plusSeconds(5), NOW.plusSeconds(15))).as("renewed").isTrue();
        assertThat(s.orders().findUnleasedChallenges(NOW.plusSeconds(14), NOW.plusSeconds(14), 10)).isEmpty();
        assertThat(s.orders().findUnleasedChallenges(NOW.plusSeconds(16), NOW.plusSeconds(16), 10))
                .extracting(OrderStore.ProcessingChallenge::challengeId).containsExactly(ch);
        assertThat(s.orders().leaseChallenge(ch, "b", NOW.plusSeconds(16), NOW.plusSeconds(26))).as("taken over").isTrue();
        assertThat(s.orders().leaseChallenge(ch, "a", NOW.plusSeconds(17), NOW.plusSeconds(27))).isFalse();
        s.orders().releaseLeases("b"); // b stops gracefully
        assertThat(s.orders().leaseChallenge(ch, "a", NOW.plusSeconds(17), NOW.plusSeconds(27))).as("given up by b").isTrue();

        assertThat(s.orders().recordValidation(ch, true, null, List.of(), NOW.plusSeconds(18))).isTrue();
        assertThat(s.orders().leaseChallenge(ch, "a", NOW.plusSeconds(19), NOW.plusSeconds(29))).as("done").isFalse();
        assertThat(s.orders().findUnleasedChallenges(NOW.plusSeconds(60), NOW.plusSeconds(60), 10)).isEmpty();
    }

    @Test
    void aValidationStartedWithItsLeaseIsHeldFromTheStart() {
        Order o = readyOrder(null);
        String ch = s.orders().findAuthorization(o.authorizationIds().get(0)).orElseThrow().challenges().get(0).id();
        assertThat(s.orders().markChallengeProcessing(ch, NOW, "a", NOW.plusSeconds(10))).isTrue();
        assertThat(s.orders().markChallengeProcessing(ch, NOW, "b", NOW.plusSeconds(10))).as("started once").isFalse();
        assertThat(s.orders().findAuthorization(o.authorizationIds().get(0)).orElseThrow().challenges().get(0).status())
                .isEqualTo(Status.PROCESSING);
        assertThat(s.orders().leaseChallenge(ch, "b", NOW.plusSeconds(5), NOW.plusSeconds(15))).as("a holds it").isFalse();
        assertThat(s.orders().leaseChallenge(ch, "a", NOW.plusSeconds(5), NOW.plusSeconds(15))).as("renewed").isTrue();
        assertThat(s.orders().findUnleasedChallenges(NOW.plusSeconds(14), NOW.plusSeconds(14), 10)).isEmpty();
        assertThat(s.orders().findUnleasedChallenges(NOW.plusSeconds(16), NOW.plusSeconds(16), 10))
                .extracting(OrderStore.ProcessingChallenge::challengeId).containsExactly(ch);
    }

    private OrderReconciler reconcilerAt(Instant now) {
        return new OrderReconciler(s.orders(), s.certificates(), Clock.fixed(now, ZoneOffset.UTC), DEADLINE);
    }

    /** An order whose one authorization is valid (name given) or pending (null): ready, or waiting for validation. */
    private Order readyOrder(String name) {
        Account a = s.accounts().create(new Account(id(), "acme", id(), "{\"kty\":\"EC\"}", List.of(), Status.VALID,
                null, NOW));
        String aid = id();
        Identifier identifier = Identifier.dns(name == null ? "pending.example.com" : name);
        Authorization az = new Authorization(aid, a.id(), identifier, false, Status.PENDING,
                NOW.plus(Duration.ofHours(24)), List.of(Challenge.pending(id(), aid, ChallengeType.HTTP_01, id())));
        Order o = new Order(id(), a.id(), "acme", Status.PENDING, List.of(identifier), null, null,
                NOW.plus(Duration.ofHours(24)), List.of(aid), null, null, null, null, NOW);
        s.orders().createWithAuthorizations(o, List.of(az));
        if (name != null) {
            String ch = az.challenges().get(0).id();
            s.orders().markChallengeProcessing(ch, NOW);
            s.orders().recordValidation(ch, true, null, List.of(), NOW);
        }
        return o;
    }

    private static String id() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 22);
    }
}
