package dev.stile.authority;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The TLS certificate duration claims that apply to one request, already resolved from
 * provisioner, {@code authority.claims} and built-in defaults (step-ca-api.md 4.3), plus the
 * authority's backdate (5.2). As an {@link IssuancePolicy} it enforces them.
 *
 * @param min             shortest allowed span
 * @param max             longest allowed span (requests may exceed it by {@code backdate})
 * @param defaultDuration span used when the request names no notAfter
 * @param backdate        subtracted from notBefore when the request names none
 */
public record DurationLimits(Duration min, Duration max, Duration defaultDuration, Duration backdate)
        implements IssuancePolicy {

    /** step-ca's built-in TLS claims: min 5m, max 24h, default 24h, backdate 1m. */
    public static final DurationLimits STEP_DEFAULTS = new DurationLimits(
            Duration.ofMinutes(5), Duration.ofHours(24), Duration.ofHours(24), Duration.ofMinutes(1));

    public DurationLimits {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(defaultDuration, "defaultDuration");
        Objects.requireNonNull(backdate, "backdate");
        if (min.isNegative() || min.isZero() || max.isNegative() || max.isZero()
                || defaultDuration.isNegative() || defaultDuration.isZero()) {
            throw new IllegalArgumentException("certificate durations must be positive: min " + min
                    + ", max " + max + ", default " + defaultDuration);
        }
        if (min.compareTo(defaultDuration) > 0 || defaultDuration.compareTo(max) > 0) {
            throw new IllegalArgumentException("certificate durations must satisfy min <= default <= max: min "
                    + min + ", default " + defaultDuration + ", max " + max);
        }
        if (backdate.isNegative()) {
            throw new IllegalArgumentException("backdate must not be negative: " + backdate);
        }
    }

    /** step-ca's rule: the window of {@link Validity#compute}, its span within min and max (+ backdate). */
    @Override
    public Validity validity(Instant now, Instant requestedNotBefore, Instant requestedNotAfter) {
        return Validity.compute(now, requestedNotBefore, requestedNotAfter, this);
    }
}
