package dev.stile.acme.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When the validation attempts of one challenge are due: the first at once when the client
 * triggers it, then after 1, 2, 4, 8, 15, 15 … s (initial backoff doubled, capped), the last one at
 * the end of the retry window. The plan is fixed by the trigger time alone, so the runner and the
 * HTTP layer agree without sharing state: the runner schedules each retry at the next planned
 * instant, and {@code Retry-After} (RFC 8555 §8.2) tells a polling client to come back just after
 * it, when that attempt's result (or the final outcome) is in the database.
 *
 * @param window         how long transient failures are retried (counted from the trigger)
 * @param initialBackoff delay before the second attempt
 * @param maxBackoff     longest delay between two attempts
 */
public record RetrySchedule(Duration window, Duration initialBackoff, Duration maxBackoff) {

    /**
     * Time an attempt needs to land in the database; added to {@code Retry-After} so the client's
     * next poll sees that attempt's result rather than the one before.
     */
    public static final Duration RESULT_MARGIN = Duration.ofSeconds(1);

    public RetrySchedule {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isZero() || initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be positive and at most " + maxBackoff);
        }
    }

    /** Stile's schedule for a window: 1 s doubling up to 15 s. */
    public static RetrySchedule of(Duration window) {
        return new RetrySchedule(window, Duration.ofSeconds(1), Duration.ofSeconds(15));
    }

    /** The last attempt's instant: after it a transient failure makes the challenge invalid. */
    public Instant deadline(Instant since) {
        return since.plus(window);
    }

    /** Delay after the {@code attempt}-th attempt (1-based): 1, 2, 4, 8 … times the initial backoff, capped. */
    public Duration backoff(int attempt) {
        long factor = 1L << Math.min(Math.max(attempt - 1, 0), 20);
        Duration d = initialBackoff.multipliedBy(factor);
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }

    /**
     * The first planned attempt strictly after {@code now}, never later than the deadline (and the
     * deadline itself once it has passed).
     */
    public Instant nextAttempt(Instant since, Instant now) {
        Instant deadline = deadline(since);
        if (!now.isBefore(deadline)) {
            return deadline;
        }
        Instant t = since;
        int attempt = 1;
        while (!t.isAfter(now)) {
            Duration step = backoff(attempt);
            if (step.equals(maxBackoff)) {
                // Past the doubling phase the plan is linear: jump over the whole steps at once.
                long behind = Duration.between(t, now).toMillis() / Math.max(1, step.toMillis());
                t = t.plus(step.multipliedBy(behind));
                if (!t.isAfter(now)) {
                    t = t.plus(step);
                }
            } else {
                t = t.plus(step);
            }
            attempt++;
        }
        return t.isAfter(deadline) ? deadline : t;
    }

    /**
     * {@code Retry-After} for a challenge processing since {@code since}: whole seconds until the
     * next planned attempt has a result, at least 1.
     */
    public Duration retryAfter(Instant since, Instant now) {
        Duration until = Duration.between(now, nextAttempt(since, now)).plus(RESULT_MARGIN);
        long seconds = (until.toMillis() + 999) / 1000;
        return Duration.ofSeconds(Math.max(1, seconds));
    }

    /**
     * How many times a client polls until it sees the final outcome when it first waits
     * {@code firstWait} after triggering and then always honours {@code Retry-After}.
     */
    public int pollsUntilOutcome(Duration firstWait) {
        Instant since = Instant.EPOCH;
        Instant end = deadline(since).plus(RESULT_MARGIN);
        Instant t = since.plus(firstWait);
        int polls = 1;
        while (t.isBefore(end) && polls < 10_000) {
            t = t.plus(retryAfter(since, t));
            polls++;
        }
        return polls;
    }
}
