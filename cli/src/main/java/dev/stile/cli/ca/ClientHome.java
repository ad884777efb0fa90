package dev.stile.cli.ca;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The client's state directory, {@code $STILE_CLIENT_HOME} (default {@code ~/.stile-client}),
 * laid out like step's {@code $STEPPATH}: {@code certs/root_ca.crt} and
 * {@code config/defaults.json}. A step user can point {@code STEPPATH} at it and vice versa.
 */
public final class ClientHome {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_DEFAULTS_BYTES = 64 * 1024;

    private final Path dir;

    public ClientHome(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path rootFile() {
        return dir.resolve("certs").resolve("root_ca.crt");
    }

    public Path defaultsFile() {
        return dir.resolve("config").resolve("defaults.json");
    }

    /**
     * Reads {@code config/defaults.json}; empty when it does not exist (not bootstrapped yet).
     *
     * @throws CliException naming the file when it exists but is not step's JSON shape
     */
    public Optional<CaDefaults> readDefaults() {
        Path file = defaultsFile();
        JsonNode node;
        try {
            if (Files.size(file) > MAX_DEFAULTS_BYTES) {
                throw CliException.usage(file + " is larger than " + MAX_DEFAULTS_BYTES + " bytes; it is not a defaults.json");
            }
            node = JSON.readTree(file.toFile());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw CliException.usage(file + " is not valid JSON: " + firstLine(e.getMessage()), e);
        }
        if (node == null || !node.isObject()) {
            throw CliException.usage(file + " must hold a JSON object with \"ca-url\", \"fingerprint\" and \"root\"");
        }
        String root = text(node, "root");
        return Optional.of(new CaDefaults(text(node, "ca-url"), text(node, "fingerprint"),
                root == null ? null : Path.of(root)));
    }

    /** Writes {@code certs/root_ca.crt} and {@code config/defaults.json}, each atomically. */
    public void write(String rootPem, String caUrl, String fingerprint) {
        AtomicFiles.write(rootFile(), rootPem, false);
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("ca-url", caUrl);
        defaults.put("fingerprint", fingerprint);
        defaults.put("root", rootFile().toAbsolutePath().toString());
        AtomicFiles.write(defaultsFile(), GoStyleJson.write(defaults) + "\n", false);
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }
}
