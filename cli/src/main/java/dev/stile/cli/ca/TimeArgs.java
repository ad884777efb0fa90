package dev.stile.cli.ca;

import dev.stile.core.GoDuration;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * step's {@code time|duration} flag values: an RFC 3339 time ({@code 2026-11-28T10:00:00Z}) or a
 * Go duration relative to now ({@code 5m}, {@code 24h}, {@code -1h}).
 */
final class TimeArgs {

    private TimeArgs() {
    }

    /** @throws CliException (usage) naming the flag when the value is neither */
    static Instant instant(String value, Instant now, String flag) {
        try {
            return now.plus(GoDuration.parse(value));
        } catch (IllegalArgumentException | ArithmeticException notADuration) {
            try {
                return OffsetDateTime.parse(value.trim()).toInstant();
            } catch (DateTimeParseException e) {
                throw CliException.usage(flag + " \"" + value + "\" is neither a duration such as 5m or 24h nor an "
                        + "RFC 3339 time such as 2026-11-28T10:00:00Z");
            }
        }
    }

    /**
     * The form {@code POST /sign} expects for {@code notBefore}/{@code notAfter}: a duration in
     * Go's canonical form ({@code 48h} becomes {@code 48h0m0s}, as step sends it) or the RFC 3339
     * time unchanged; {@code ""} when unset.
     */
    static String forSignRequest(String value, String flag) {
        if (value == null || value.isBlank()) {
            return "";
        }
        try {
            return GoDuration.format(GoDuration.parse(value));
        } catch (IllegalArgumentException | ArithmeticException notADuration) {
            try {
                OffsetDateTime.parse(value.trim());
                return value.trim();
            } catch (DateTimeParseException e) {
                throw CliException.usage(flag + " \"" + value + "\" is neither a duration such as 24h or 90m nor an "
                        + "RFC 3339 time such as 2026-11-28T10:00:00Z");
            }
        }
    }

    /** A duration flag such as {@code --expires-in 8h}. */
    static Duration duration(String value, String flag) {
        try {
            return GoDuration.parse(value);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw CliException.usage(flag + " \"" + value + "\" is not a duration such as 8h, 90m or 1h30m");
        }
    }
}
