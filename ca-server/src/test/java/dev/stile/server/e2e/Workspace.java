package dev.stile.server.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One test class's folder under {@code ca-server/target/e2e/}: the CA, the DNS server, the
 * clients' state and every program's log. It is emptied when the class starts and kept
 * afterwards, so the logs of a failed run can be read.
 */
final class Workspace {

    private final Path root;
    private final AtomicInteger logNumber = new AtomicInteger();

    private Workspace(Path root) {
        this.root = root;
    }

    static Workspace forClass(Class<?> testClass) {
        Path root = ModuleDirectory.target().resolve("e2e").resolve(testClass.getSimpleName());
        deleteRecursively(root);
        try {
            Files.createDirectories(root.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Workspace(root);
    }

    Path root() {
        return root;
    }

    /** A fresh directory inside the workspace. */
    Path directory(String name) {
        try {
            return Files.createDirectories(root.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new log file, numbered so the files sort in the order the programs ran. */
    Path log(String name) {
        return root.resolve("logs").resolve(String.format("%02d-%s.log", logNumber.incrementAndGet(), name));
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
