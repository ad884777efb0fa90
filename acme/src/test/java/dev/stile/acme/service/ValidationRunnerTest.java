package dev.stile.acme.service;

import dev.stile.acme.model.Account;
import dev.stile.acme.model.Authorization;
import dev.stile.acme.model.Challenge;
import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.model.KeyAuthorization;
import dev.stile.acme.model.Order;
import dev.stile.acme.model.Status;
import dev.stile.acme.problem.AcmeProblem;
import dev.stile.acme.validation.ChallengeValidator;
import dev.stile.acme.validation.ValidationOutcome;
import dev.stile.acme.validation.ValidationRecord;
import dev.stile.acme.validation.ValidationTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static dev.stile.acme.service.AcmeFixture.dnsIds;
import static org.assertj.core.api.Assertions.assertThat;

class ValidationRunnerTest {

    final AcmeFixture f = new AcmeFixture();
    final Account account = f.newAccount();
    final List<ValidationTarget> seen = new CopyOnWriteArrayList<>();
    ValidationRunner runner;

    /** A validator that answers from a script; the last answer repeats. */
    ChallengeValidator scripted(Function<ValidationTarget, ValidationOutcome> answer) {
        return new ChallengeValidator() {
            public ChallengeType type() {
                return ChallengeType.HTTP_01;
            }

            public ValidationOutcome validate(ValidationTarget target) {
                seen.add(target);
                return answer.apply(target);
            }
        };
    }

    ValidationRunner runner(ChallengeValidator v, ValidationRunner.Settings s) {
        runner = new ValidationRunner(f.orders, f.accounts, Map.of(ChallengeType.HTTP_01, v), f.urls, f.clock, s);
        return runner;
    }

    static ValidationRunner.Settings fast(Duration window, Duration timeout) {
        return new ValidationRunner.Settings(2, 10, timeout, window, Duration.ofMillis(5), Duration.ofMillis(20));
    }

    @AfterEach
    void stop() {
        if (runner != null) {
            runner.close();
        }
    }

    static ValidationRecord record(String outcome) {
        return new ValidationRecord(Instant.EPOCH, "www.example.com", 80, null, List.of(), null, null, null, outcome);
    }

    static ValidationOutcome transientFailure() {
        return ValidationOutcome.transientFailure(AcmeProblem.CONNECTION.withDetail("connection to 192.0.2.7:80 refused"),
                List.of(record("refused")));
    }

    /** Creates an order and triggers its http-01 challenge through the ChallengeService. */
    Challenge trigger(ValidationRunner r, Order o) {
        Authorization a = f.orders.findAuthorization(o.authorizationIds().get(0)).orElseThrow();
        Challenge http = a.challenges().stream().filter(c -> c.type() == ChallengeType.HTTP_01).findFirst().orElseThrow();
        ChallengeService challenges = new ChallengeService(f.orders, r, f.clock);
        return challenges.respond(f.kidRequest(account, f.links.challenge(a.id(), http.id()), "{}"), a.id(), http.id());
    }

    Challenge await(String challengeId, Status status) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            Challenge c = f.orders.findAuthorizationOfChallenge(challengeId).orElseThrow().challenge(challengeId).orElseThrow();
            if (c.status() == status) {
                return c;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("challenge " + challengeId + " never became " + status);
    }

    @Test
    void okTriggerAnswersProcessingAtOnceThenBecomesValid() throws Exception {
        Order o = f.newOrder(account, dnsIds("www.example.com"));
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ValidationRunner r = runner(scripted(t -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ValidationOutcome.valid(List.of(record("HTTP 200")));
        }), fast(Duration.ofSeconds(90), Duration.ofSeconds(5)));
        Challenge c = trigger(r, o);
        assertThat(c.status()).isEqualTo(Status.PROCESSING);
        release.countDown();
        Challenge done = await(c.id(), Status.VALID);
        assertThat(done.validated()).isEqualTo(f.clock.instant());
        assertThat(done.validationRecords()).extracting(ValidationRecord::outcome).containsExactly("HTTP 200");
        assertThat(f.orders.findAuthorization(o.authorizationIds().get(0)).orElseThrow().status()).isEqualTo(Status.VALID);
        assertThat(f.orderService.view(f.orders.findOrder(o.id()).orElseThrow()).status()).isEqualTo(Status.READY);
        ValidationTarget t = seen.get(0);
        assertThat(t.keyAuthorization()).isEqualTo(KeyAuthorization.of(c.token(), account.jwkThumbprint()));
        assertThat(t.accountUri()).isEqualTo(f.links.account(account.id()));
        assertThat(t.identifier().value()).isEqualTo("www.example.com");
    }

    @Test
    void anAccountDeactivatedDuringValidationGetsNoValidAuthorization() throws Exception {
        // draft-ietf-acme-dns-persist-02 §4.2 rule 1: account status is read live at each attempt.
        Order o = f.newOrder(account, dnsIds("www.example.com"));
        ValidationRunner r = runner(scripted(t -> {
            f.accounts.deactivate(account.id());
            return ValidationOutcome.valid(List.of(record("TXT found")));
        }), fast(Duration.ofSeconds(90), Duration.ofSeconds(5)));
        Challenge c = trigger(r, o);
        Challenge done = await(c.id(), Status.INVALID);
        assertThat(done.error().type()).isEqualTo(AcmeProblem.UNAUTHORIZED.type());
        assertThat(done.error().detail()).contains("is no longer valid");
        assertThat(f.orders.findAuthorization(o.authorizationIds().get(0)).orElseThrow().status()).isEqualTo(Status.INVALID);
    }

    @Test
    void okSecondTriggerDoesNotValidateTwice() throws Exception {
        Order o = f.newOrder(account, dnsIds("www.example.com"));
        ValidationRunner r = runner(scripted(t -> ValidationOutcome.valid(List.of())), fast(Duration.ofSeconds(90), Duration.ofSeconds(5)));
        Challenge c = trigger(r, o);
        await(c.id(), Status.VALID);
        assertThat(trigger(r, o).status()).isEqualTo(Status.VALID);
        Thread.sleep(50);
        assertThat(seen).hasSize(1);
    }

    @Test
    void failInvalidOutcomeInvalidatesChallengeAuthorizationAndOrder() throws Exception {
        Order o = f.newOrder(account, dnsIds("www.example.com"));
        ValidationRunner r = runner(scripted(t -> ValidationOutcome.invalid(
                AcmeProblem.INCORRECT_RESPONSE.withDetail("got \"hello\" instead of the key authorization"), List.of(record("HTTP 200")))),
                fast(Duration.ofSeconds(90), Duration.ofSeconds(5)));
        Challenge c = await(trigger(r, o).id(), Status.INVALID);
        assertThat(c.error().type()).isEqualTo(AcmeProblem.INCORRECT_RESPONSE.type());
        assertThat(f.orders.findAuthorization(o.authorizationIds().get(0)).orElseThrow().status()).isEqualTo(Status.INVALID);
        Order stored = f.orders.findOrder(o.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(Status.INVALID);
        assertThat(stored.error().detail()).contains("hello");
        assertThat(seen).hasSize(1);
    }

    @Test
    void okTransientFailuresAreRetriedAndRecordsAppended() throws Exception {
        Order o = f.newOrder(account, dnsIds("www.example.com"));
        Deque<ValidationOutcome> script = new ArrayDeque<>(List.of(transientFailure(), transientFailure(),
                ValidationOutcome.valid(List.of(record("HTTP 200")))));
        ValidationRunner r = runner(scripted(t -> {
            f.clock.advance(Duration.ofSeconds(10));
            return script.size() > 1 ? script.poll() : script.peek();
        }), fast(Duration.ofSeconds(90), Duration.ofSeconds(5)));
        Challenge c = await(trigger(r, o).id(), Status.VALID);
        assertThat(seen).hasSize(3);
        assertThat(c.validationRecords()).extracting(ValidationRecord::outcome).containsExactly("refused", "refused", "HTTP 200");
        assertThat(c.error()).isNull();
    }

    @Test
    void failTransientFailuresBeyondTheWindowBecomeInvalid() throws Exception {
        Order o = f.newOrder(account, dnsIds("www.example.com"));
        ValidationRunner r = runner(scripted(t -> {
            f.clock.advance(Duration.ofSeconds(40));
            return transientFailure();
        }), fast(Duration.ofSeconds(90), Duration.ofSeconds(5)));
        Challenge c = await(trigger(r, o).id(), Status.INVALID);
        // attempts end at +40, +80, +120 s: the third is past the 90 s window
        assertThat(seen).hasSize(3);
        assertThat(c.error().type()).isEqualTo(AcmeProblem.CONNECTION.type());
        assertThat(c.error().detail()).contains("192.0.2.7:80").contains("retrying for 90 s");
        assertThat(c.validationRecords()).hasSize(3);
        assertThat(f.orders.findOrder(o.id()).orElseThrow().status()).isEqualTo(Status.INVALID);
    }

    @Test
    void failAttemptTimeoutIsTransientThenInvalidAfterTheWindow() throws Exception {
        Order o = f.newOrder(account, dnsIds("www.example.com"));
        ValidationRunner r = runner(scripted(t -> {
            f.clock.advance(Duration.ofSeconds(100));
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ValidationOutcome.valid(List.of());
        }), fast(Duration.ofSeconds(90), Duration.ofMillis(100)));
        Challenge c = await(trigger(r, o).id(), Status.INVALID);
        assertThat(c.error().type()).isEqualTo(AcmeProblem.CONNECTION.type());
        assertThat(c.error().detail()).contains("did not finish within");
    }

    @Test
    void okProcessingChallengesAreResumedAfterARestart() throws Exception {
        Order o = f.newOrder(account, dnsIds("www.example.com"));
        Authorization a = f.orders.findAuthorization(o.authorizationIds().get(0)).orElseThrow();
        Challenge http = a.challenges().stream().filter(c -> c.type() == ChallengeType.HTTP_01).findFirst().orElseThrow();
        assertThat(f.orders.markChallengeProcessing(http.id(), f.clock.instant())).isTrue();
        ValidationRunner r = runner(scripted(t -> ValidationOutcome.valid(List.of())), fast(Duration.ofSeconds(90), Duration.ofSeconds(5)));
        assertThat(r.resumeProcessing()).isEqualTo(1);
        await(http.id(), Status.VALID);
    }

    @Test
    void okBackoffDoublesUpToTheCap() {
        RetrySchedule r = ValidationRunner.Settings.defaults().schedule();
        assertThat(List.of(r.backoff(1), r.backoff(2), r.backoff(3), r.backoff(4), r.backoff(5), r.backoff(30)))
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                        Duration.ofSeconds(15), Duration.ofSeconds(15));
    }
}
