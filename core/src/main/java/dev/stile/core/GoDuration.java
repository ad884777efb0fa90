package dev.stile.core;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations in Go's syntax ({@code 24h}, {@code 5m}, {@code 1h30m}, {@code 300ms}, {@code -5m}),
 * which step-ca uses in ca.json claims and in {@code notBefore}/{@code notAfter} of sign requests.
 * Go has no unit for days, so neither do we.
 */
public final class GoDuration {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");

    private GoDuration() {
    }

    /**
     * Parses a Go duration.
     *
     * @throws IllegalArgumentException with a message that quotes the input when it is not a duration
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty duration");
        }
        String s = text.trim();
        boolean negative = false;
        if (s.startsWith("-") || s.startsWith("+")) {
            negative = s.startsWith("-");
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = PART.matcher(s);
        int pos = 0;
        long nanos = 0;
        while (pos < s.length()) {
            if (!m.find(pos) || m.start() != pos) {
                throw new IllegalArgumentException("\"" + text + "\" is not a duration such as 24h, 90m or 1h30m");
            }
            double value = Double.parseDouble(m.group(1));
            nanos = Math.addExact(nanos, (long) (value * unitNanos(m.group(2))));
            pos = m.end();
        }
        return Duration.ofNanos(negative ? -nanos : nanos);
    }

    private static long unitNanos(String unit) {
        switch (unit) {
            case "ns":
                return 1L;
            case "us":
            case "µs":
            case "μs":
                return 1_000L;
            case "ms":
                return 1_000_000L;
            case "s":
                return 1_000_000_000L;
            case "m":
                return 60_000_000_000L;
            default:
                return 3_600_000_000_000L;
        }
    }

    /** Formats like Go's {@code time.Duration.String()}, e.g. {@code 24h0m0s}, {@code 5m0s}, {@code 300ms}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        if (d.isNegative()) {
            out.append('-');
            d = d.negated();
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            long n = d.toNanos();
            if (n % 1_000_000 == 0) {
                return out.append(n / 1_000_000).append("ms").toString();
            }
            if (n % 1_000 == 0) {
                return out.append(n / 1_000).append("µs").toString();
            }
            return out.append(n).append("ns").toString();
        }
        long hours = d.toHours();
        long minutes = d.toMinutesPart();
        long seconds = d.toSecondsPart();
        int nanos = d.toNanosPart();
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        out.append(seconds);
        if (nanos > 0) {
            String frac = String.format("%09d", nanos).replaceAll("0+$", "");
            out.append('.').append(frac);
        }
        return out.append('s').toString();
    }
}
