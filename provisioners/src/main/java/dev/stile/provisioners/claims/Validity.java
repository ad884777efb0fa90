package dev.stile.provisioners.claims;

import dev.stile.provisioners.AuthorizationException;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The validity window of a new certificate from a sign request's {@code notBefore}/{@code notAfter}
 * and the provisioner's claims (reference section 9.2).
 *
 * @param notBefore start of validity
 * @param notAfter  end of validity
 */
public record Validity(Instant notBefore, Instant notAfter) {

    /** step-ca's default backdate: notBefore is one minute in the past to absorb clock skew. */
    public static final Duration DEFAULT_BACKDATE = Duration.ofMinutes(1);

    /** The certificate's lifetime. */
    public Duration duration() {
        return Duration.between(notBefore, notAfter);
    }

    /**
     * Computes and checks the window as step-ca does.
     *
     * @param now       the current time
     * @param notBefore {@code ""}/null, an RFC 3339 time, or a Go duration relative to now
     * @param notAfter  {@code ""}/null, an RFC 3339 time, or a Go duration relative to notBefore
     * @param claims    the provisioner's resolved claims
     * @param backdate  subtracted from an implicit notBefore
     * @throws AuthorizationException 400 for unreadable or inverted times, 403 for durations outside the claims
     */
    public static Validity compute(Instant now, String notBefore, String notAfter, Claims claims, Duration backdate) {
        Instant nb;
        boolean implicitStart = isEmpty(notBefore);
        if (implicitStart) {
            nb = now.minus(backdate);
        } else {
            nb = parseTime(notBefore, now, "notBefore");
        }
        Instant na;
        if (isEmpty(notAfter)) {
            na = (implicitStart ? now : nb).plus(claims.defaultTlsDuration());
        } else {
            na = parseTime(notAfter, implicitStart ? now : nb, "notAfter");
        }
        if (na.isBefore(now)) {
            throw AuthorizationException.badRequest("notAfter " + na + " is in the past");
        }
        if (na.isBefore(nb)) {
            throw AuthorizationException.badRequest("notAfter " + na + " is before notBefore " + nb);
        }
        Validity v = new Validity(nb, na);
        Duration span = v.duration();
        // The backdate is not the client's fault, so it does not count against the maximum.
        Duration requested = implicitStart ? span.minus(backdate) : span;
        if (requested.compareTo(claims.minTlsDuration()) < 0) {
            throw AuthorizationException.forbidden("requested duration of " + GoDuration.format(requested)
                    + " is less than the authorized minimum certificate duration of "
                    + GoDuration.format(claims.minTlsDuration()));
        }
        if (requested.compareTo(claims.maxTlsDuration()) > 0) {
            throw AuthorizationException.forbidden("requested duration of " + GoDuration.format(requested)
                    + " is more than the authorized maximum certificate duration of "
                    + GoDuration.format(claims.maxTlsDuration()));
        }
        return v;
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isBlank();
    }

    private static Instant parseTime(String text, Instant base, String field) {
        String s = text.trim();
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException notATime) {
            try {
                return base.plus(GoDuration.parse(s));
            } catch (IllegalArgumentException notADuration) {
                throw AuthorizationException.badRequest(field + " \"" + text
                        + "\" is neither an RFC 3339 time nor a duration such as 24h");
            }
        }
    }
}
