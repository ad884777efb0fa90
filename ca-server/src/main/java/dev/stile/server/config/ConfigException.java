package dev.stile.server.config;

import java.nio.file.Path;

/**
 * A configuration file is unusable. The message is one line naming the file, the key and what is
 * wrong, e.g. {@code /x/ca.json: address: ":abc" is not host:port}, ready to print after "stile: ".
 */
public final class ConfigException extends RuntimeException {

    private final String key;

    public ConfigException(Path file, String key, String problem) {
        super(file + ": " + (key == null || key.isEmpty() ? "" : key + ": ") + problem);
        this.key = key;
    }

    /** The dotted key that is wrong ({@code db.type}, {@code authority.backdate}), or empty. */
    public String key() {
        return key == null ? "" : key;
    }
}
