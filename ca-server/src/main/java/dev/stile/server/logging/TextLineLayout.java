package dev.stile.server.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The default console line: {@code 2026-11-27T14:21:55.123+00:00 INFO  Authority [req-1] message},
 * then the stack trace of an attached exception. Written by hand rather than with logback's
 * PatternLayout because the pattern machinery (parser, ~80 converter classes and their lambdas)
 * costs metaspace in a server that has to fit in 128 MiB.
 */
public final class TextLineLayout extends LayoutBase<ILoggingEvent> {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("XXX");

    private final ZoneId zone;
    /**
     * The date, time and offset of the second the last line was in: a busy server logs hundreds of
     * lines a second (an access line per request), and formatting the time with a
     * DateTimeFormatter for each was most of the layout's garbage. Offsets change only at whole
     * seconds, so the cached text is exact.
     */
    private volatile Second second = new Second(Long.MIN_VALUE, "", "");

    private record Second(long epochSecond, String dateTime, String offset) {
    }

    public TextLineLayout() {
        this(ZoneId.systemDefault());
    }

    TextLineLayout(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        StringBuilder out = new StringBuilder(80 + message.length());
        appendTime(out, event.getTimeStamp());
        out.append(' ');
        String level = event.getLevel().toString();
        out.append(level);
        for (int i = level.length(); i < 5; i++) {
            out.append(' ');
        }
        out.append(' ').append(simpleName(event.getLoggerName())).append(' ');
        Map<String, String> mdc = event.getMDCPropertyMap();
        String requestId = mdc == null ? null : mdc.get("requestId");
        if (requestId != null && !requestId.isEmpty()) {
            out.append('[').append(requestId).append("] ");
        }
        out.append(message).append('\n');
        IThrowableProxy error = event.getThrowableProxy();
        if (error != null) {
            out.append(ThrowableProxyUtil.asString(error)).append('\n');
        }
        return out.toString();
    }

    /** {@code yyyy-MM-dd'T'HH:mm:ss.SSSXXX} in this layout's zone. */
    private void appendTime(StringBuilder out, long epochMillis) {
        long epochSecond = Math.floorDiv(epochMillis, 1000L);
        int millis = (int) Math.floorMod(epochMillis, 1000L);
        Second cached = second;
        if (cached.epochSecond() != epochSecond) {
            ZonedDateTime time = Instant.ofEpochSecond(epochSecond).atZone(zone);
            cached = new Second(epochSecond, SECONDS.format(time), OFFSET.format(time));
            second = cached;
        }
        out.append(cached.dateTime()).append('.');
        if (millis < 100) {
            out.append(millis < 10 ? "00" : "0");
        }
        out.append(millis).append(cached.offset());
    }

    /** The logger name after its last dot, as {@code %logger{0}} prints it. */
    static String simpleName(String loggerName) {
        return loggerName.substring(loggerName.lastIndexOf('.') + 1);
    }
}
