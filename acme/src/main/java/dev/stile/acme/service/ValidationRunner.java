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
    }

    private final OrderStore orders;
    private final AccountStore accounts;
    private final Map<ChallengeType, ChallengeValidator> validators;
    private final AcmeUrls urls;
    private final Clock clock;
    private final Settings settings;
    private final ThreadPoolExecutor workers;
    private final ThreadPoolExecutor attempts;
    private final ScheduledThreadPoolExecutor scheduler;

    public ValidationRunner(OrderStore orders, AccountStore accounts, Map<ChallengeType, ChallengeValidator> validators,
                            AcmeUrls urls, Clock clock, Settings settings) {
        this.orders = orders;
        this.accounts = accounts;
        this.validators = Map.copyOf(validators);
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
                Instant deadline = since.plus(settings.retryWindow());
                if (!now.isBefore(deadline)) {
                    ProblemDocument p = outcome.problem();
                    ProblemDocument last = new ProblemDocument(p.type(), p.detail() + " (still failing after retrying for "
                            + settings.retryWindow().toSeconds() + " s)", p.status(), p.identifier(), p.subproblems());
                    orders.recordValidation(challengeId, false, last, outcome.records(), now);
                } else {
                    orders.recordAttempt(challengeId, outcome.records(), outcome.problem());
                    Duration delay = backoff(attempt);
                    Duration remaining = Duration.between(now, deadline);
                    scheduleAfter(challengeId, attempt + 1, delay.compareTo(remaining) > 0 ? remaining : delay);
                }
        }
    }

    /** 1, 2, 4, 8 … times the initial backoff, capped. */
    Duration backoff(int attempt) {
        long factor = 1L << Math.min(attempt - 1, 20);
        Duration d = settings.initialBackoff().multipliedBy(factor);
        return d.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : d;
    }

    private void scheduleRetry(String challengeId, int attempt) {
        scheduleAfter(challengeId, attempt + 1, backoff(attempt));
    }

    private void scheduleAfter(String challengeId, int attempt, Duration delay) {
        if (!scheduler.isShutdown()) {
            scheduler.schedule(() -> submit(challengeId, attempt), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    private ValidationOutcome runWithTimeout(Job j) {
        ChallengeValidator validator = validators.get(j.challenge.type());
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

    private Optional<Job> load(String challengeId) {
        Optional<Authorization> authz = orders.findAuthorizationOfChallenge(challengeId);
        if (authz.isEmpty()) {
            return Optional.empty();
        }
        Challenge ch = authz.get().challenge(challengeId).orElse(null);
        if (ch == null || ch.status() != Status.PROCESSING) {
            return Optional.empty();
        }
        Account account = accounts.findById(authz.get().accountId()).orElse(null);
        if (account == null) {
            return Optional.empty();
        }
        ValidationTarget target = new ValidationTarget(authz.get().identifier(), ch.token(),
                KeyAuthorization.of(ch.token(), account.jwkThumbprint()), urls.accountUrl(account.provisioner(), account.id()),
                account.provisioner());
        return Optional.of(new Job(ch, target));
    }

    private record Job(Challenge challenge, ValidationTarget target) {
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
