package dev.stile.authority;

import dev.stile.core.GoDuration;

import java.time.Duration;
import java.time.Instant;

/**
 * The validity window of a certificate about to be signed.
 *
 * @param notBefore start of validity
 * @param notAfter  end of validity
 */
public record Validity(Instant notBefore, Instant notAfter) {

    /**
     * Computes the window as step-ca does (step-ca-api.md 9.2). Without a requested notBefore the
     * certificate starts at {@code now - backdate}; a requested notBefore is used as is. Without a
     * requested notAfter it ends at (unbackdated) notBefore + default duration. The leaf is not
     * clamped to the intermediate's expiry.
     *
     * @param requestedNotBefore absolute start asked for, or {@code null}
     * @param requestedNotAfter  absolute end asked for, or {@code null} (callers resolve step's
     *                           relative durations against notBefore before calling)
     * @throws AuthorityException bad request for windows in the past or inverted, forbidden for
     *                            spans outside min/max (with step-ca's messages)
     */
    public static Validity compute(Instant now, Instant requestedNotBefore, Instant requestedNotAfter,
                                   DurationLimits limits) {
        Validity window = window(now, requestedNotBefore, requestedNotAfter, limits.defaultDuration(),
                limits.backdate());
        Duration span = Duration.between(window.notBefore(), window.notAfter());
        if (span.compareTo(limits.min()) < 0) {
            throw AuthorityException.forbidden("requested duration of " + GoDuration.format(span)
                    + " is less than the authorized minimum certificate duration of "
                    + GoDuration.format(limits.min()));
        }
        // step-ca allows max + backdate, because it backdates most certificates.
        Duration ceiling = limits.max().plus(limits.backdate());
        if (span.compareTo(ceiling) > 0) {
            throw AuthorityException.forbidden("requested duration of " + GoDuration.format(span)
                    + " is more than the authorized maximum certificate duration of " + GoDuration.format(ceiling));
        }
        return window;
    }

    /**
     * The window without duration limits (the caller agreed to it already): the requested bounds
     * as they are, else {@code now - backdate} and (unbackdated) start + {@code defaultDuration}.
     *
     * @throws AuthorityException bad request for windows in the past or inverted
     */
    static Validity window(Instant now, Instant requestedNotBefore, Instant requestedNotAfter,
                           Duration defaultDuration, Duration backdate) {
        Instant start = requestedNotBefore != null ? requestedNotBefore : now;
        Instant notBefore = requestedNotBefore != null ? requestedNotBefore : now.minus(backdate);
        Instant notAfter = requestedNotAfter != null ? requestedNotAfter : start.plus(defaultDuration);

        if (notAfter.isBefore(now)) {
            throw AuthorityException.badRequest("notAfter cannot be in the past; na=" + notAfter);
        }
        if (notAfter.isBefore(notBefore)) {
            throw AuthorityException.badRequest("notAfter cannot be before notBefore; na=" + notAfter
                    + ", nb=" + notBefore);
        }
        return new Validity(notBefore, notAfter);
    }
}
