package dev.stile.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A SHA-256 over the migration scripts this build ships (their names and bytes) and the Flyway
 * version. {@link Database} records it in {@code schema_info} after Flyway migrated and validated
 * the schema; while the recorded value equals the shipped one, a start needs neither Flyway's
 * scan nor its validation (both load ~400 classes that stay in metaspace for the life of the
 * process), because nothing Flyway checks can have changed: the same scripts against a history
 * Flyway accepted last time.
 */
final class MigrationFingerprint {

    /** Where Flyway reads the migrations ({@code classpath:db/migration}). */
    static final String LOCATION = "db/migration";
    private static final String FLYWAY_VERSION = "org/flywaydb/core/internal/version.txt";

    private MigrationFingerprint() {
    }

    /**
     * The fingerprint of the scripts visible to {@code loader}, or empty when they cannot be
     * listed (a class path form other than directories and jar files): then Flyway always runs.
     */
    static Optional<String> of(ClassLoader loader) {
        try {
            TreeSet<String> names = new TreeSet<>();
            Enumeration<URL> roots = loader.getResources(LOCATION);
            if (!roots.hasMoreElements()) {
                return Optional.empty();
            }
            while (roots.hasMoreElements()) {
                if (!list(roots.nextElement(), names)) {
                    return Optional.empty();
                }
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            update(sha, loader, FLYWAY_VERSION);
            for (String name : names) {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                update(sha, loader, LOCATION + "/" + name);
            }
            return Optional.of(HexFormat.of().formatHex(sha.digest()));
        } catch (IOException | UncheckedIOException | URISyntaxException e) {
            return Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** Adds the script names under one class path root; false when the root's form is unknown. */
    private static boolean list(URL root, TreeSet<String> names) throws IOException, URISyntaxException {
        if ("file".equals(root.getProtocol())) {
            Path dir = Paths.get(root.toURI());
            // Flyway scans sub-directories too.
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(Files::isRegularFile)
                        .forEach(p -> names.add(dir.relativize(p).toString().replace('\\', '/')));
            }
            return true;
        }
        if ("jar".equals(root.getProtocol())) {
            URLConnection connection = root.openConnection();
            if (!(connection instanceof JarURLConnection)) {
                return false;
            }
            connection.setUseCaches(false);
            String prefix = LOCATION + "/";
            try (JarFile jar = ((JarURLConnection) connection).getJarFile()) {
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    if (!entry.isDirectory() && entry.getName().startsWith(prefix)) {
                        names.add(entry.getName().substring(prefix.length()));
                    }
                }
            }
            return true;
        }
        return false;
    }

    private static void update(MessageDigest sha, ClassLoader loader, String resource) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in != null) {
                sha.update(in.readAllBytes());
            }
        }
        sha.update((byte) 0);
    }
}
