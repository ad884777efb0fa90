package dev.stile.server.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The default console line: {@code 2026-11-27T14:21:55.123+00:00 INFO  Authority [req-1] message},
 * then the stack trace of an attached exception. Written by hand rather than with logback's
 * PatternLayout because the pattern machinery (parser, ~80 converter classes and their lambdas)
 * costs metaspace in a server that has to fit in 128 MiB.
 */
public final class TextLineLayout extends LayoutBase<ILoggingEvent> {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneId.systemDefault());

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder out = new StringBuilder(128);
        TIME.formatTo(Instant.ofEpochMilli(event.getTimeStamp()), out);
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
        out.append(event.getFormattedMessage()).append('\n');
        IThrowableProxy error = event.getThrowableProxy();
        if (error != null) {
            out.append(ThrowableProxyUtil.asString(error)).append('\n');
        }
        return out.toString();
    }

    /** The logger name after its last dot, as {@code %logger{0}} prints it. */
    static String simpleName(String loggerName) {
        return loggerName.substring(loggerName.lastIndexOf('.') + 1);
    }
}
