package dev.stile.db.limits;

import java.time.Duration;

/**
 * The answer to "may this happen now?".
 *
 * @param allowed    true when the event is within its limit
 * @param retryAfter when refused, how long until one more event is allowed (RFC 8555 §6.6
 *                   {@code Retry-After}); zero when allowed
 */
public record RateDecision(boolean allowed, Duration retryAfter) {

    public static final RateDecision ALLOWED = new RateDecision(true, Duration.ZERO);

    public static RateDecision refused(Duration retryAfter) {
        return new RateDecision(false, retryAfter);
    }
}
