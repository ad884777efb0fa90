package dev.stile.server.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where ca-server's build output is, whether the tests run from Maven or from an IDE. */
final class ModuleDirectory {

    private ModuleDirectory() {
    }

    /** {@code ca-server/} (Maven's surefire and failsafe set {@code basedir}). */
    static Path basedir() {
        String basedir = System.getProperty("basedir");
        if (basedir != null) {
            return Path.of(basedir).toAbsolutePath();
        }
        Path cwd = Path.of("").toAbsolutePath();
        return Files.isDirectory(cwd.resolve("ca-server")) ? cwd.resolve("ca-server") : cwd;
    }

    static Path target() {
        return basedir().resolve("target");
    }

    /** The executable jar that {@code ./mvnw package} builds and users run. */
    static Path stileJar() {
        Path jar = target().resolve("stile.jar");
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " does not exist: run the end-to-end tests with ./mvnw verify, "
                    + "which builds it in the package phase first");
        }
        return jar;
    }
}
