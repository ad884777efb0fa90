package dev.stile.acme.service;

import dev.stile.acme.model.Account;
import dev.stile.acme.model.Authorization;
import dev.stile.acme.model.Challenge;
import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.model.Order;
import dev.stile.acme.model.Status;
import dev.stile.acme.validation.ChallengeValidator;
import dev.stile.acme.validation.ValidationOutcome;
import dev.stile.acme.validation.ValidationTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.stile.acme.service.AcmeFixture.dnsIds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Validations in progress are held by a lease: a replica that died leaves its challenge
 * processing with a lease nobody renews. Once it expires, the periodic takeover or the client's
 * re-POST of the challenge starts the validation again here; while it is held, neither does.
 */
class ValidationLeaseTest {

    final AcmeFixture f = new AcmeFixture();
    final Account account = f.newAccount();
    final AtomicInteger attempts = new AtomicInteger();
    final ValidationRunner runner = new ValidationRunner(f.orders, f.accounts, Map.of(ChallengeType.HTTP_01,
            new ChallengeValidator() {
                public ChallengeType type() {
                    return ChallengeType.HTTP_01;
                }

                public ValidationOutcome validate(ValidationTarget target) {
                    attempts.incrementAndGet();
                    return ValidationOutcome.valid(List.of());
                }
            }), f.urls, f.clock, new ValidationRunner.Settings(2, 10, Duration.ofSeconds(5), Duration.ofSeconds(90),
            Duration.ofMillis(5), Duration.ofMillis(20)), Duration.ofSeconds(10));

    @AfterEach
    void stop() {
        runner.close();
    }

    @Test
    void aRePostOfAChallengeWhoseReplicaDiedRestartsItsValidationOnceTheLeaseExpired() throws Exception {
        Authorization a = authzOf(f.newOrder(account, dnsIds("www.example.com")));
        Challenge http = abandonedByADeadReplica(a);
        ChallengeService challenges = new ChallengeService(f.orders, runner, f.clock);

        Challenge answer = challenges.respond(f.kidRequest(account, f.links.challenge(a.id(), http.id()), "{}"), a.id(), http.id());
        assertThat(answer.status()).isEqualTo(Status.PROCESSING);
        Thread.sleep(100);
        assertThat(attempts).as("the lease is still held").hasValue(0);

        f.clock.advance(Duration.ofSeconds(11));
        challenges.respond(f.kidRequest(account, f.links.challenge(a.id(), http.id()), "{}"), a.id(), http.id());
        assertThat(await(http.id(), Status.VALID).status()).isEqualTo(Status.VALID);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void abandonedValidationsAreTakenOverOnceTheirLeaseExpired() throws Exception {
        Authorization a = authzOf(f.newOrder(account, dnsIds("www.example.com")));
        Challenge http = abandonedByADeadReplica(a);

        assertThat(runner.takeOverAbandoned()).as("the lease is still held").isZero();
        f.clock.advance(Duration.ofSeconds(11));
        assertThat(runner.takeOverAbandoned()).isEqualTo(1);
        await(http.id(), Status.VALID);
        assertThat(runner.takeOverAbandoned()).isZero();
        assertThat(attempts).hasValue(1);
    }

    /** The challenge is processing, leased by another replica until 10 s from now, which then died. */
    private Challenge abandonedByADeadReplica(Authorization a) {
        Challenge http = a.challenges().stream().filter(c -> c.type() == ChallengeType.HTTP_01).findFirst().orElseThrow();
        Instant now = f.clock.instant();
        assertThat(f.orders.markChallengeProcessing(http.id(), now)).isTrue();
        assertThat(f.orders.leaseChallenge(http.id(), "dead-replica", now, now.plusSeconds(10))).isTrue();
        return http;
    }

    private Authorization authzOf(Order o) {
        return f.orders.findAuthorization(o.authorizationIds().get(0)).orElseThrow();
    }

    private Challenge await(String challengeId, Status status) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            Challenge c = f.orders.findAuthorizationOfChallenge(challengeId).orElseThrow().challenge(challengeId).orElseThrow();
            if (c.status() == status) {
                return c;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("challenge " + challengeId + " never became " + status);
    }
}
