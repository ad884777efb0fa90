package dev.stile.server.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line users run: {@code java @jvm.options -jar stile.jar ...}, with the repository's
 * {@code jvm.options} that {@code ./stile} and the container image use, so tests that start the
 * real jar measure memory and start-up of the JVM users actually get.
 */
public final class StileJvm {

    private StileJvm() {
    }

    /** {@code <repository>/jvm.options}, found from ca-server's basedir (Maven) or the working directory. */
    public static Path options() {
        String basedir = System.getProperty("basedir");
        Path module = basedir != null ? Path.of(basedir).toAbsolutePath() : Path.of("").toAbsolutePath();
        for (Path dir = module; dir != null; dir = dir.getParent()) {
            Path options = dir.resolve("jvm.options");
            if (Files.isRegularFile(options)) {
                return options;
            }
        }
        throw new AssertionError("jvm.options not found above " + module);
    }

    /** {@code java @jvm.options -jar <jar> <arguments>}. */
    public static List<String> command(Path jar, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("@" + options());
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(arguments));
        return command;
    }

    /** The environment ./stile sets besides the flags. */
    public static void environment(Map<String, String> env) {
        env.putIfAbsent("MALLOC_ARENA_MAX", "2");
    }
}
