package dev.stile.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.cli.ca.AtomicFiles;
import dev.stile.cli.ca.CliException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code $STILE_CLIENT_HOME/admin/session.json} (mode 0600): the session {@code stile admin login}
 * obtained, with the CA URL and root it belongs to. Deleted by {@code stile admin logout}.
 */
final class SessionFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A stored session. */
    record Session(String caUrl, Path root, String token, String id, String subject, Instant expiresAt) {
    }

    private final Path file;

    SessionFile(Path clientHome) {
        this.file = clientHome.resolve("admin").resolve("session.json");
    }

    Path path() {
        return file;
    }

    void write(Session s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ca-url", s.caUrl());
        m.put("root", s.root().toAbsolutePath().toString());
        m.put("token", s.token());
        m.put("id", s.id());
        m.put("subject", s.subject());
        m.put("expires-at", s.expiresAt().toString());
        try {
            AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m) + "\n", true);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    Optional<Session> read() {
        JsonNode n;
        try {
            n = JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw CliException.usage(file + " is not a readable admin session (" + e.getMessage()
                    + "); run 'stile admin login' again");
        }
        if (n == null || !n.hasNonNull("ca-url") || !n.hasNonNull("token") || !n.hasNonNull("root")) {
            throw CliException.usage(file + " lacks ca-url, root or token; run 'stile admin login' again");
        }
        Instant expires;
        try {
            expires = Instant.parse(n.path("expires-at").asText());
        } catch (RuntimeException e) {
            expires = Instant.EPOCH;
        }
        return Optional.of(new Session(n.get("ca-url").asText(), Path.of(n.get("root").asText()), n.get("token").asText(),
                n.path("id").asText(""), n.path("subject").asText(""), expires));
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw CliException.usage("cannot delete " + file + ": " + e.getMessage());
        }
    }
}
