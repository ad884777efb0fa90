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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
    /** This process in the lease columns: replicas validate only the challenges they hold. */
    private final String owner;
    private final Duration lease;
    /** Challenges this process has queued, running or waiting for a retry (so none is doubled). */
    private final Set<String> active = ConcurrentHashMap.newKeySet();

    /**
     * How long a replica holds a validation without renewing it before another one takes it over.
     * Taken at each attempt and renewed through each retry wait. An attempt that outlives it (the
     * attempt timeout is longer) may also be started by another replica; that is harmless, because
     * recording the result is a guarded transition that only the first one wins.
     */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(10);

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
        this(orders, accounts, policies, urls, clock, settings, DEFAULT_LEASE);
    }

    /** @param lease how long a validation is held before another replica may take it over */
    public ValidationRunner(OrderStore orders, AccountStore accounts, Map<ChallengeType, ChallengeValidator> validators,
                            AcmeUrls urls, Clock clock, Settings settings, Duration lease) {
        this(orders, accounts, ValidationPolicies.fixed(validators, settings.schedule()), urls, clock, settings, lease);
    }

    /** @param lease how long a validation is held before another replica may take it over */
    public ValidationRunner(OrderStore orders, AccountStore accounts, ValidationPolicies policies,
                            AcmeUrls urls, Clock clock, Settings settings, Duration lease) {
        this.owner = UUID.randomUUID().toString();
        this.lease = lease;
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
        active.add(challengeId);
        submit(challengeId, 1);
    }

    /**
     * Marks a pending challenge processing with this process's lease already taken, in one write,
     * and queues its first attempt, which then needs no lease write of its own. False when the
     * challenge was not pending (someone else started it). The first attempt must find the
     * challenge committed: call this where each write commits at once.
     */
    public boolean start(String challengeId, Instant now) {
        if (!orders.markChallengeProcessing(challengeId, now, owner, now.plus(lease))) {
            return false;
        }
        active.add(challengeId);
        submit(challengeId, 1, true);
        return true;
    }

    /**
     * Starts validating a processing challenge unless this process is already at it: a client's
     * re-POST of a stalled challenge, or a challenge whose owner stopped renewing its lease. The
     * attempt runs only if the lease can be taken, so a live replica keeps its validations.
     */
    public void resume(String challengeId) {
        if (active.add(challengeId)) {
            submit(challengeId, 1);
        }
    }

    /**
     * Takes over validations whose lease expired (their replica died or lost the database), and
     * ones left unleased for longer than a lease. Call periodically; returns how many were taken.
     */
    public int takeOverAbandoned() {
        Instant now = clock.instant();
        List<OrderStore.ProcessingChallenge> abandoned = orders.findUnleasedChallenges(now, now.minus(lease), 100);
        int taken = 0;
        for (OrderStore.ProcessingChallenge p : abandoned) {
            if (!active.contains(p.challengeId())) {
                LOG.info("taking over the validation of challenge {}: its lease expired", p.challengeId());
                resume(p.challengeId());
                taken++;
            }
        }
        return taken;
    }

    /**
     * {@link #takeOverAbandoned()} as a periodic chore for the server's one scheduler: a failure is
     * logged once per failure streak (during a database outage it would repeat every period) and
     * never escapes, so the scheduler keeps running it.
     */
    public Runnable takeOverChore(Duration period) {
        boolean[] failing = {false}; // a fixed-delay task never runs concurrently with itself
        return () -> {
            try {
                takeOverAbandoned();
                if (failing[0]) {
                    failing[0] = false;
                    LOG.info("looking for abandoned validations works again");
                }
            } catch (RuntimeException e) {
                if (!failing[0]) {
                    failing[0] = true;
                    LOG.warn("looking for abandoned validations failed; trying again every {} s: {}",
                            period.toSeconds(), e.getMessage());
                }
            }
        };
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
        left.forEach(p -> resume(p.challengeId()));
        if (!left.isEmpty()) {
            LOG.info("resumed {} challenge validation(s) interrupted by a restart", left.size());
        }
        return left.size();
    }

    private void submit(String challengeId, int attempt) {
        submit(challengeId, attempt, false);
    }

    /** Queues an attempt; when the queue is full it is retried later, then taking its lease anew. */
    private void submit(String challengeId, int attempt, boolean leased) {
        try {
            workers.execute(() -> runAttempt(challengeId, attempt, leased));
        } catch (RejectedExecutionException e) {
            if (!scheduler.isShutdown()) {
                LOG.warn("validation queue full; challenge {} waits {} before its attempt", challengeId, settings.initialBackoff());
                scheduler.schedule(() -> submit(challengeId, attempt), settings.initialBackoff().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void runAttempt(String challengeId, int attempt, boolean leased) {
        try {
            if (!attempt(challengeId, attempt, leased)) {
                active.remove(challengeId);
            }
        } catch (RuntimeException e) {
            LOG.error("validation of challenge {} failed internally; retrying", challengeId, e);
            scheduleRetry(challengeId, attempt);
        }
    }

    /** One attempt; true when a retry was scheduled. {@code leased}: {@link #start} took the lease just now. */
    private boolean attempt(String challengeId, int attempt, boolean leased) {
        Instant start = clock.instant();
        if (!leased && !orders.leaseChallenge(challengeId, owner, start, start.plus(lease))) {
            return false; // finished, or another live replica holds it
        }
        Optional<Job> job = load(challengeId);
        if (job.isEmpty()) {
            return false;
        }
        Job j = job.get();
        ValidationOutcome outcome = LiveAccount.confirm(accounts, j.accountId, runWithTimeout(j));
        Instant now = clock.instant();
        switch (outcome.verdict()) {
            case VALID:
                orders.recordValidation(challengeId, true, null, outcome.records(), now, outcome.validUntil());
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
                    // Held through the wait, so a live replica keeps its retries.
                    orders.leaseChallenge(challengeId, owner, now, now.plus(delay).plus(lease));
                    scheduleAfter(challengeId, attempt + 1, delay);
                    return true;
                }
        }
        return false;
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
     * Just-in-time validation (draft-ietf-acme-dns-persist-02 §4.4): one attempt now, within
     * {@code budget}, of a pending challenge of a pending authorization. VALID is recorded (the
     * authorization becomes valid at once); anything else leaves the challenge pending with no
     * error, so the client can still answer this or another challenge (§9.3.1: a record that fails
     * just in time yields a pending challenge, not an error).
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
        if (LiveAccount.confirm(accounts, job.get().accountId, outcome).verdict() != ValidationOutcome.Verdict.VALID) {
            return false;
        }
        Instant now = clock.instant();
        return orders.markChallengeProcessing(challengeId, now)
                && orders.recordValidation(challengeId, true, null, outcome.records(), now, outcome.validUntil());
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
                policies.issuerDomainNames(provisioner), provisioner);
        return Optional.of(new Job(ch, target, policies.validator(provisioner, ch.type()).orElse(null),
                policies.schedule(provisioner), account.id()));
    }

    private record Job(Challenge challenge, ValidationTarget target, ChallengeValidator validator,
                       RetrySchedule schedule, String accountId) {
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Stops accepting work; running attempts are interrupted, their challenges stay processing
     * and their leases are given up, so the next start (or another replica) resumes them at once.
     */
    @Override
    public void close() {
        scheduler.shutdownNow();
        workers.shutdownNow();
        attempts.shutdownNow();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
            orders.releaseLeases(owner);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("could not give up this server's validation leases; other replicas take them over when they "
                    + "expire: {}", e.getMessage());
        }
    }
}
