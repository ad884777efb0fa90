package dev.stile.cli.ca;

import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.Instant;

/** {@code --not-before}/{@code --not-after} of a token, with the step CLI's limits. */
public final class TokenValidity {

    static final Duration DEFAULT = Duration.ofMinutes(5);
    static final Duration MIN = Duration.ofSeconds(10);
    static final Duration MAX = Duration.ofHours(1);
    static final Duration MAX_DELAY = Duration.ofMinutes(30);

    @Option(names = "--not-before", paramLabel = "TIME|DURATION",
            description = "When the token becomes valid (RFC 3339 time or duration from now); default now.")
    String notBefore;

    @Option(names = "--not-after", paramLabel = "TIME|DURATION",
            description = "When the token expires (RFC 3339 time or duration from now); default 5m after --not-before.")
    String notAfter;

    /** The token's nbf and exp. */
    public record Window(Instant notBefore, Instant notAfter) {
    }

    /** @throws CliException (usage) when the window is outside 10 s..1 h or starts more than 30 min ahead */
    public Window window(Instant now) {
        Instant nbf = notBefore == null ? now : TimeArgs.instant(notBefore, now, "--not-before");
        Instant exp = notAfter == null ? nbf.plus(DEFAULT) : TimeArgs.instant(notAfter, now, "--not-after");
        if (nbf.isAfter(now.plus(MAX_DELAY))) {
            throw CliException.usage("--not-before " + notBefore + " is more than 30m from now");
        }
        Duration span = Duration.between(nbf, exp);
        if (span.compareTo(MIN) < 0 || span.compareTo(MAX) > 0) {
            throw CliException.usage("--not-after must be 10s to 1h after --not-before (it is " + span.getSeconds()
                    + " s after it)");
        }
        return new Window(nbf, exp);
    }
}
