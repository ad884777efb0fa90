package dev.stile.provisioners.claims;

import dev.stile.core.GoDuration;

import dev.stile.provisioners.AuthorizationException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The {@code notBefore}/{@code notAfter} of a step sign request turned into instants (reference
 * 2.7): each is {@code ""}, an RFC 3339 time, or a Go duration; a relative notBefore counts from
 * now, a relative notAfter from notBefore (or from now when notBefore is empty). Limits are
 * checked by whoever computes the validity window.
 *
 * @param notBefore the requested start, or {@code null} for "now minus backdate"
 * @param notAfter  the requested end, or {@code null} for the default duration
 */
public record RequestedTimes(Instant notBefore, Instant notAfter) {

    /**
     * @throws AuthorizationException 400 naming the field that is neither a time nor a duration
     */
    public static RequestedTimes parse(Instant now, String notBefore, String notAfter) {
        Instant nb = isEmpty(notBefore) ? null : parse(notBefore, now, "notBefore");
        Instant na = isEmpty(notAfter) ? null : parse(notAfter, nb == null ? now : nb, "notAfter");
        return new RequestedTimes(nb, na);
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isBlank();
    }

    private static Instant parse(String text, Instant base, String field) {
        String s = text.trim();
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException notATime) {
            try {
                return base.plus(GoDuration.parse(s));
            } catch (IllegalArgumentException | ArithmeticException notADuration) {
                throw AuthorizationException.badRequest(field + " \"" + text
                        + "\" is neither an RFC 3339 time nor a duration such as 24h");
            }
        }
    }
}
