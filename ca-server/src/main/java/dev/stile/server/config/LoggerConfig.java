package dev.stile.server.config;

/**
 * ca.json {@code logger}: {@code {"format": "text"|"json"}}.
 *
 * @param format {@code text} (default) or {@code json}, one JSON object per line
 */
public record LoggerConfig(String format) {

    public static LoggerConfig defaults() {
        return new LoggerConfig("text");
    }

    public boolean json() {
        return "json".equals(format);
    }
}
