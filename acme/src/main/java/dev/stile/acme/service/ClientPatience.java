package dev.stile.acme.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How long the common ACME clients wait for an authorization's outcome, as their sources show
 * (see docs/validation.md): certbot polls at most 30 times honouring {@code Retry-After}; lego
 * backs off from the challenge response's {@code Retry-After} for at most 100 times that value
 * (with up to 50 % jitter, so a little less in practice); cert-manager gives up after about two
 * minutes. A retry window longer than that hides the cause of a failure from the user: the client
 * stops polling while the server is still retrying.
 */
public final class ClientPatience {

    static final int CERTBOT_MAX_POLLS = 30;
    static final Duration CERT_MANAGER = Duration.ofMinutes(2);
    static final int LEGO_FACTOR = 100;
    /** lego's backoff is randomised by ±50 %; its last poll can come this much before its limit. */
    static final double LEGO_JITTER_ALLOWANCE = 0.85;

    private ClientPatience() {
    }

    /**
     * A one-sentence warning naming the clients that would give up before the final outcome of
     * {@code schedule}, or empty when every client waits long enough.
     *
     * @param key the configuration key the operator should change, e.g. {@code validation.retryWindow}
     */
    public static Optional<String> warning(RetrySchedule schedule, String key) {
        Duration outcome = schedule.window().plus(RetrySchedule.RESULT_MARGIN);
        List<String> impatient = new ArrayList<>();
        if (outcome.compareTo(CERT_MANAGER) > 0) {
            impatient.add("cert-manager (about 2 min)");
        }
        Duration firstRetryAfter = schedule.retryAfter(java.time.Instant.EPOCH, java.time.Instant.EPOCH);
        long legoMillis = (long) (firstRetryAfter.toMillis() * LEGO_FACTOR * LEGO_JITTER_ALLOWANCE);
        if (outcome.toMillis() > legoMillis) {
            impatient.add("lego (about " + legoMillis / 1000 + " s)");
        }
        int polls = schedule.pollsUntilOutcome(Duration.ofSeconds(1));
        if (polls > CERTBOT_MAX_POLLS) {
            impatient.add("certbot (30 polls; this window needs " + polls + ")");
        }
        if (impatient.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(key + " " + schedule.window().toSeconds() + " s is longer than " + String.join(", ", impatient)
                + " wait for a validation result: they give up while Stile still retries and never show the cause"
                + " of a failed challenge; set " + key + " to at most 110s (the default 90s suits every client).");
    }
}
