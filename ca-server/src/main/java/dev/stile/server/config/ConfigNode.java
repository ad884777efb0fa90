package dev.stile.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.core.GoDuration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One JSON object of a config file, read key by key with typed accessors whose errors name the
 * file and the full dotted key. Remembers which keys were read so the rest can be reported as
 * unknown.
 */
final class ConfigNode {

    private final Path file;
    private final String prefix;
    private final JsonNode node;
    private final Set<String> read = new HashSet<>();
    private final List<String> unknown;

    private ConfigNode(Path file, String prefix, JsonNode node, List<String> unknown) {
        this.file = file;
        this.prefix = prefix;
        this.node = node;
        this.unknown = unknown;
    }

    static ConfigNode root(Path file, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new ConfigException(file, "", "the file must contain one JSON object");
        }
        return new ConfigNode(file, "", node, new ArrayList<>());
    }

    String path(String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    ConfigException error(String key, String problem) {
        return new ConfigException(file, path(key), problem);
    }

    /** Present and not JSON null. */
    boolean has(String key) {
        read.add(key);
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    Optional<JsonNode> raw(String key) {
        return has(key) ? Optional.of(node.get(key)) : Optional.empty();
    }

    Optional<String> string(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode v = node.get(key);
        if (!v.isTextual()) {
            throw error(key, "must be a string, not " + describe(v));
        }
        return Optional.of(v.asText());
    }

    String requiredString(String key) {
        String s = string(key).orElseThrow(() -> error(key, "is required"));
        if (s.isBlank()) {
            throw error(key, "must not be empty");
        }
        return s;
    }

    Optional<Boolean> bool(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode v = node.get(key);
        if (!v.isBoolean()) {
            throw error(key, "must be true or false, not " + describe(v));
        }
        return Optional.of(v.asBoolean());
    }

    Optional<Integer> integer(String key, int min, int max) {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode v = node.get(key);
        if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            throw error(key, describe(v) + " is not a whole number from " + min + " to " + max);
        }
        return Optional.of(v.asInt());
    }

    /** A Go duration such as {@code 24h}, {@code 90s}, {@code 1h30m}; empty string counts as absent. */
    Optional<Duration> duration(String key) {
        Optional<String> s = string(key).filter(t -> !t.isBlank());
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(GoDuration.parse(s.get()));
        } catch (IllegalArgumentException e) {
            throw error(key, "\"" + s.get() + "\" is not a duration such as 24h, 90s or 1h30m");
        }
    }

    /** A string or an array of strings (step-ca accepts both for {@code root}). */
    List<String> strings(String key) {
        if (!has(key)) {
            return List.of();
        }
        JsonNode v = node.get(key);
        if (v.isTextual()) {
            return v.asText().isEmpty() ? List.of() : List.of(v.asText());
        }
        if (!v.isArray()) {
            throw error(key, "must be a string or a list of strings, not " + describe(v));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new ConfigException(file, path(key) + "[" + i + "]", "must be a non-empty string, not " + describe(item));
            }
            out.add(item.asText());
        }
        return out;
    }

    Optional<ConfigNode> object(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode v = node.get(key);
        if (!v.isObject()) {
            throw error(key, "must be an object, not " + describe(v));
        }
        return Optional.of(new ConfigNode(file, path(key), v, unknown));
    }

    JsonNode json() {
        return node;
    }

    /** Marks keys that are known but deliberately not interpreted here. */
    void accept(String... keys) {
        read.addAll(List.of(keys));
    }

    /** Records the keys of this object that nobody read; call after reading it. */
    ConfigNode done() {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!read.contains(name)) {
                unknown.add(path(name));
            }
        }
        return this;
    }

    /** Dotted keys of every object that were present but not understood. */
    List<String> unknownKeys() {
        return List.copyOf(unknown);
    }

    static String describe(JsonNode v) {
        if (v.isTextual()) {
            return "\"" + v.asText() + "\"";
        }
        if (v.isObject()) {
            return "an object";
        }
        if (v.isArray()) {
            return "a list";
        }
        return v.toString();
    }
}
