package dev.stile.db.limits;

import java.time.Duration;
import java.util.Objects;

/**
 * One limit: at most {@code count} events per {@code period} for one key, refilled smoothly (a
 * token bucket of {@code count} tokens that regains {@code count} tokens per {@code period}), so a
 * client that stays under the average rate is never refused and a burst is cut at {@code count}.
 *
 * @param name   the limit's name in ca.json, problem details and metrics, e.g. {@code newOrdersPerAccount}
 * @param count  events allowed per period; at least 1
 * @param period the period; at least one second
 */
public record RateLimit(String name, long count, Duration period) {

    public RateLimit {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(period, "period");
        if (count < 1) {
            throw new IllegalArgumentException(name + ".count must be at least 1, got " + count);
        }
        if (period.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(name + ".period must be at least 1s, got " + period);
        }
    }
}
