package dev.stile.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TextLineLayoutTest {

    private final LoggerContext context = new LoggerContext();

    @Test
    void writesTimeLevelLoggerRequestIdAndMessage() {
        LoggingEvent event = event(Instant.parse("2026-11-27T14:21:55.123Z").toEpochMilli(), Map.of("requestId", "req-1"),
                "issued {}", "x");

        assertThat(new TextLineLayout(ZoneId.of("UTC")).doLayout(event))
                .isEqualTo("2026-11-27T14:21:55.123Z INFO  Authority [req-1] issued x\n");
    }

    @Test
    void timeIsThePatternsTextAcrossSecondsAndOffsetChanges() {
        // Berlin leaves summer time at 01:00 UTC on 2026-10-25: the offset changes between lines.
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        DateTimeFormatter pattern = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(berlin);
        TextLineLayout layout = new TextLineLayout(berlin);
        long start = Instant.parse("2026-10-25T00:59:58.995Z").toEpochMilli();
        for (long millis : new long[] {start, start + 4, start + 5, start + 1_000, start + 1_005, start + 1_010,
                start + 1_100, start + 2_000, start + 2_999, 0, -1, -1_001}) {
            String line = layout.doLayout(event(millis, Map.of(), "m"));
            assertThat(line).startsWith(pattern.format(Instant.ofEpochMilli(millis)) + " INFO  Authority m");
        }
    }

    @Test
    void stackTraceFollowsTheLine() {
        LoggingEvent event = new LoggingEvent("x", context.getLogger("dev.stile.App"), Level.WARN, "failed",
                new IllegalStateException("boom"), new Object[0]);
        event.setMDCPropertyMap(Map.of());

        String text = new TextLineLayout(ZoneId.of("UTC")).doLayout(event);

        assertThat(text).contains(" WARN  App failed\n").contains("IllegalStateException: boom");
    }

    private LoggingEvent event(long millis, Map<String, String> mdc, String message, Object... args) {
        LoggingEvent event = new LoggingEvent("x", context.getLogger("dev.stile.authority.Authority"), Level.INFO,
                message, null, args);
        event.setTimeStamp(millis);
        event.setMDCPropertyMap(mdc);
        return event;
    }
}
