package dev.stile.server.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;

/** Switches the console log to {@link JsonLineLayout} when ca.json asks for JSON logs. */
public final class LogFormat {

    private LogFormat() {
    }

    /**
     * Whether a ca.json asks for {@code "logger": {"format": "json"}}. Tolerant: an unreadable or
     * invalid file answers false and is reported properly by the config loader afterwards.
     */
    public static boolean wantsJson(Path caJson) {
        try {
            return "json".equals(new ObjectMapper().readTree(caJson.toFile()).path("logger").path("format").asText());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Re-configures the console appender ({@link LogConfigurator}) to print one JSON object per line. */
    public static void useJson() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext)) {
            return;
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Appender<ILoggingEvent> appender = root.getAppender(LogConfigurator.CONSOLE);
        if (!(appender instanceof ConsoleAppender)) {
            return;
        }
        ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) appender;
        console.stop();
        console.setEncoder(LogConfigurator.encoder(context, new JsonLineLayout()));
        console.start();
    }
}
