package dev.stile.server.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.time.Instant;
import java.util.Map;

/**
 * One JSON object per log line ({@code logger.format: "json"} in ca.json), for log collectors:
 * {@code {"time":"...","level":"INFO","logger":"...","message":"...","requestId":"...","error":"..."}}.
 */
public final class JsonLineLayout extends LayoutBase<ILoggingEvent> {

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder out = new StringBuilder(256);
        out.append('{');
        field(out, "time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        out.append(',');
        field(out, "level", event.getLevel().toString());
        out.append(',');
        field(out, "logger", event.getLoggerName());
        out.append(',');
        field(out, "message", event.getFormattedMessage());
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null) {
            for (Map.Entry<String, String> e : mdc.entrySet()) {
                out.append(',');
                field(out, e.getKey(), e.getValue());
            }
        }
        IThrowableProxy error = event.getThrowableProxy();
        if (error != null) {
            out.append(',');
            field(out, "error", ThrowableProxyUtil.asString(error));
        }
        return out.append("}\n").toString();
    }

    private static void field(StringBuilder out, String name, String value) {
        JsonStringEncoder enc = JsonStringEncoder.getInstance();
        out.append('"').append(enc.quoteAsString(name)).append("\":\"")
                .append(enc.quoteAsString(value == null ? "" : value)).append('"');
    }
}
