package dev.stile.acme.service;

import dev.stile.acme.model.Account;
import dev.stile.acme.model.Authorization;
import dev.stile.acme.model.Challenge;
import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.model.KeyAuthorization;
import dev.stile.acme.model.Status;
import dev.stile.acme.problem.AcmeProblem;
import dev.stile.acme.problem.ProblemDocument;
import dev.stile.acme.store.AccountStore;
import dev.stile.acme.store.OrderStore;
import dev.stile.acme.validation.ChallengeValidator;
import dev.stile.acme.validation.ValidationOutcome;
import dev.stile.acme.validation.ValidationTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs challenge validations in the background (the VA scheduler). Bounded: a fixed number of
 * workers and a bounded queue (when full, the attempt is rescheduled, the challenge stays
 * processing in the database). Each attempt has a timeout. TRANSIENT outcomes are retried with
 * exponential backoff (1, 2, 4, 8 … s, capped) until the retry window, counted from the moment the
 * client triggered the challenge, has elapsed; then the challenge is invalid with the last
 * problem. All state lives in the {@link OrderStore}, so {@link #resumeProcessing()} at start-up
 * picks up validations a restart interrupted.
 */
public final class ValidationRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ValidationRunner.class);

    /**
     * @param workers        concurrent validations
     * @param queueCapacity  waiting validations before new ones are deferred
     * @param attemptTimeout limit of one attempt
     * @param retryWindow    how long TRANSIENT failures are retried (default 90 s)
     * @param initialBackoff first retry delay (1 s)
     * @param maxBackoff     longest retry delay (15 s)
     */
    public record Settings(int workers, int queueCapacity, Duration attemptTimeout, Duration retryWindow,
                           Duration initialBackoff, Duration maxBackoff) {
        public static Settings defaults() {
            return new Settings(4, 1000, Duration.ofSeconds(30), Duration.ofSeconds(90),
                    Duration.ofSeconds(1), Duration.ofSeconds(15));
        }

        /** The retry schedule these settings describe (used for every provisioner by the plain constructor). */
        public RetrySchedule schedule() {
            return new RetrySchedule(retryWindow, initialBackoff, maxBackoff);
        }
    }

    private final OrderStore orders;
    private final AccountStore accounts;
    private final ValidationPolicies policies;
    private final AcmeUrls urls;
    private final Clock clock;
    private final Settings settings;
    private final ThreadPoolExecutor workers;
    private final ThreadPoolExecutor attempts;
    private final ScheduledThreadPoolExecutor scheduler;

    /** One set of validators and the schedule of {@code settings} for every provisioner. */
    public ValidationRunner(OrderStore orders, AccountStore accounts, Map<ChallengeType, ChallengeValidator> validators,
                            AcmeUrls urls, Clock clock, Settings settings) {
        this(orders, accounts, ValidationPolicies.fixed(validators, settings.schedule()), urls, clock, settings);
    }

    /**
     * Validators and retry schedules per provisioner; of {@code settings} only the workers, queue
     * and attempt timeout are used.
     */
    public ValidationRunner(OrderStore orders, AccountStore accounts, ValidationPolicies policies,
                            AcmeUrls urls, Clock clock, Settings settings) {
        this.orders = orders;
        this.accounts = accounts;
        this.policies = policies;
        this.urls = urls;
        this.clock = clock;
        this.settings = settings;
        this.workers = new ThreadPoolExecutor(settings.workers(), settings.workers(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.queueCapacity()), daemon("acme-validation"));
        // Attempts run on their own threads so a worker can give up on one after the timeout; a
        // validator that ignores interruption cannot pile up more than 2x workers threads.
        this.attempts = new ThreadPoolExecutor(0, settings.workers() * 2, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), daemon("acme-validation-attempt"));
        this.scheduler = new ScheduledThreadPoolExecutor(1, daemon("acme-validation-retry"));
        this.scheduler.setRemoveOnCancelPolicy(true);
    }

    /** Queues the first attempt of a challenge that was just marked processing. */
    public void submit(String challengeId) {
        submit(challengeId, 1);
    }

    /** At most this many interrupted validations are resumed at start-up; more stay processing (and are logged). */
    static final int MAX_RESUMED = 10_000;

    /**
     * Re-queues every challenge left processing (call once at start-up). Returns how many. Work
     * beyond the queue's capacity waits in the retry scheduler, so nothing is dropped.
     */
    public int resumeProcessing() {
        List<OrderStore.ProcessingChallenge> left = orders.findProcessingChallenges(MAX_RESUMED);
        if (left.size() == MAX_RESUMED) {
            LOG.warn("more than {} challenges were left processing; the rest stay processing until the next start", MAX_RESUMED);
        }
        left.forEach(p -> submit(p.challengeId()));
        if (!left.isEmpty()) {
            LOG.info("resumed {} challenge validation(s) interrupted by a restart", left.size());
        }
        return left.size();
    }

    private void submit(String challengeId, int attempt) {
        try {
            workers.execute(() -> runAttempt(challengeId, attempt));
        } catch (RejectedExecutionException e) {
            if (!scheduler.isShutdown()) {
                LOG.warn("validation queue full; challenge {} waits {} before its attempt", challengeId, settings.initialBackoff());
                scheduler.schedule(() -> submit(challengeId, attempt), settings.initialBackoff().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void runAttempt(String challengeId, int attempt) {
        try {
            attempt(challengeId, attempt);
        } catch (RuntimeException e) {
            LOG.error("validation of challenge {} failed internally; retrying", challengeId, e);
            scheduleRetry(challengeId, attempt);
        }
    }

    private void attempt(String challengeId, int attempt) {
        Optional<Job> job = load(challengeId);
        if (job.isEmpty()) {
            return;
        }
        Job j = job.get();
        ValidationOutcome outcome = runWithTimeout(j);
        Instant now = clock.instant();
        switch (outcome.verdict()) {
            case VALID:
                orders.recordValidation(challengeId, true, null, outcome.records(), now);
                break;
            case INVALID:
                orders.recordValidation(challengeId, false, outcome.problem(), outcome.records(), now);
                break;
            default:
                Instant since = j.challenge.processingSince() == null ? now : j.challenge.processingSince();
                RetrySchedule schedule = j.schedule;
                if (!now.isBefore(schedule.deadline(since))) {
                    ProblemDocument p = outcome.problem();
                    String detail = p.detail().endsWith(".") ? p.detail().substring(0, p.detail().length() - 1) : p.detail();
                    ProblemDocument last = new ProblemDocument(p.type(), detail + " (still failing after retrying for "
                            + schedule.window().toSeconds() + " s).", p.status(), p.identifier(), p.subproblems());
                    orders.recordValidation(challengeId, false, last, outcome.records(), now);
                } else {
                    // The problem goes on the challenge now (RFC 8555 §8.2), so a polling client sees why.
                    orders.recordAttempt(challengeId, outcome.records(), outcome.problem());
                    // The next attempt at the planned instant, which is what Retry-After announces.
                    Duration delay = Duration.between(now, schedule.nextAttempt(since, now));
                    scheduleAfter(challengeId, attempt + 1, delay);
                }
        }
    }

    /**
     * {@code Retry-After} for a challenge: while it is processing, until just after its next planned
     * attempt (or its final outcome) on its provisioner's schedule; empty otherwise.
     */
    public Optional<Duration> retryAfter(String provisioner, Challenge challenge) {
        if (challenge.status() != Status.PROCESSING) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant since = challenge.processingSince() == null ? now : challenge.processingSince();
        return Optional.of(policies.schedule(provisioner).retryAfter(since, now));
    }

    private void scheduleRetry(String challengeId, int attempt) {
        scheduleAfter(challengeId, attempt + 1, settings.schedule().backoff(attempt));
    }

    private void scheduleAfter(String challengeId, int attempt, Duration delay) {
        if (!scheduler.isShutdown()) {
            scheduler.schedule(() -> submit(challengeId, attempt), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    private ValidationOutcome runWithTimeout(Job j) {
        ChallengeValidator validator = j.validator;
        if (validator == null) {
            return ValidationOutcome.invalid(AcmeProblem.SERVER_INTERNAL.withDetail(
                    "no validator is configured for " + j.challenge.type().token()), List.of());
        }
        Future<ValidationOutcome> f;
        try {
            f = attempts.submit(() -> validator.validate(j.target));
        } catch (RejectedExecutionException e) {
            return ValidationOutcome.transientFailure(AcmeProblem.SERVER_INTERNAL.withDetail(
                    "the server is busy with other validations"), List.of());
        }
        try {
            return f.get(settings.attemptTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return ValidationOutcome.transientFailure(AcmeProblem.CONNECTION.withDetail(j.challenge.type().token()
                    + " validation of " + j.target.identifier().value() + " did not finish within "
                    + settings.attemptTimeout().toSeconds() + " s").about(j.target.identifier()), List.of());
        } catch (ExecutionException e) {
            LOG.error("validator {} threw", j.challenge.type().token(), e.getCause());
            return ValidationOutcome.transientFailure(AcmeProblem.SERVER_INTERNAL.withDetail(
                    "the " + j.challenge.type().token() + " validator failed internally"), List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            return ValidationOutcome.transientFailure(AcmeProblem.SERVER_INTERNAL.withDetail(
                    "validation was interrupted by a shutdown"), List.of());
        }
    }

    /**
     * Just-in-time validation (draft-ietf-acme-dns-persist-00 §4.3): one attempt now, within
     * {@code budget}, of a pending challenge of a pending authorization. VALID is recorded (the
     * authorization becomes valid at once); anything else leaves the challenge pending with no
     * error, so the client can still answer this or another challenge.
     *
     * @return whether the challenge is now valid
     */
    public boolean validateAtOnce(String challengeId, Duration budget) {
        Optional<Job> job = load(challengeId, Status.PENDING);
        if (job.isEmpty() || job.get().validator == null) {
            return false;
        }
        Future<ValidationOutcome> f;
        try {
            f = attempts.submit(() -> job.get().validator.validate(job.get().target));
        } catch (RejectedExecutionException e) {
            return false; // busy: the client can still trigger the challenge
        }
        ValidationOutcome outcome;
        try {
            outcome = f.get(budget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            f.cancel(true);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            return false;
        }
        if (outcome.verdict() != ValidationOutcome.Verdict.VALID) {
            return false;
        }
        Instant now = clock.instant();
        return orders.markChallengeProcessing(challengeId, now)
                && orders.recordValidation(challengeId, true, null, outcome.records(), now);
    }

    private Optional<Job> load(String challengeId) {
        return load(challengeId, Status.PROCESSING);
    }

    private Optional<Job> load(String challengeId, Status expected) {
        Optional<Authorization> authz = orders.findAuthorizationOfChallenge(challengeId);
        if (authz.isEmpty()) {
            return Optional.empty();
        }
        Challenge ch = authz.get().challenge(challengeId).orElse(null);
        if (ch == null || ch.status() != expected) {
            return Optional.empty();
        }
        Account account = accounts.findById(authz.get().accountId()).orElse(null);
        if (account == null) {
            return Optional.empty();
        }
        String provisioner = account.provisioner();
        ValidationTarget target = new ValidationTarget(authz.get().identifier(), ch.token(),
                KeyAuthorization.of(ch.token(), account.jwkThumbprint()), urls.accountUrl(provisioner, account.id()),
                authz.get().wildcard(), urls.accountUrls(provisioner, account.id()),
                policies.issuerDomainNames(provisioner));
        return Optional.of(new Job(ch, target, policies.validator(provisioner, ch.type()).orElse(null),
                policies.schedule(provisioner)));
    }

    private record Job(Challenge challenge, ValidationTarget target, ChallengeValidator validator,
                       RetrySchedule schedule) {
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Stops accepting work; running attempts are interrupted, their challenges stay processing. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        workers.shutdownNow();
        attempts.shutdownNow();
    }
}
