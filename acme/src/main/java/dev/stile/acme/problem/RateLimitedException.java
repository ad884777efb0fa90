package dev.stile.acme.problem;

import java.time.Duration;

/**
 * A request refused by a rate limit: problem {@code rateLimited} (HTTP 429) with the delay after
 * which the same request can succeed, sent as {@code Retry-After} (RFC 8555 §6.6).
 */
public final class RateLimitedException extends AcmeException {

    private final Duration retryAfter;

    public RateLimitedException(String detail, Duration retryAfter) {
        super(AcmeProblem.RATE_LIMITED, detail);
        this.retryAfter = retryAfter;
    }

    /** At least one second: {@code Retry-After} counts whole seconds, rounded up. */
    public long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
