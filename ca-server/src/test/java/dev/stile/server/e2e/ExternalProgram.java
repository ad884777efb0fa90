package dev.stile.server.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an outside program (certbot, lego, openssl, knotd) with a deadline. Its stdout and stderr
 * go together into a log file that stays on disk, so a failed end-to-end test can be diagnosed
 * from the files under {@code target/e2e/} without running it again.
 */
final class ExternalProgram {

    /** How much of a log an assertion message quotes: the end is where clients say what went wrong. */
    private static final int QUOTED_TAIL = 4000;

    private ExternalProgram() {
    }

    /** What a finished program did. */
    record Result(List<String> command, int exitCode, String output, Path log) {

        /** Returns this result, or fails naming the command, its exit code and the end of its output. */
        Result assertSucceeded() {
            if (exitCode != 0) {
                throw new AssertionError(describe("failed with exit code " + exitCode));
            }
            return this;
        }

        String describe(String what) {
            return String.join(" ", command) + " " + what + " (log " + log + "):\n" + tail(output);
        }
    }

    static Result run(Path log, Map<String, String> environment, Duration timeout, List<String> command) {
        Process process = spawn(log, environment, command);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor();
                throw new AssertionError(new Result(command, -1, read(log), log)
                        .describe("did not finish within " + timeout.toSeconds() + " s"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError("interrupted while waiting for " + command.get(0), e);
        }
        return new Result(List.copyOf(command), process.exitValue(), read(log), log);
    }

    /**
     * Starts a long-running program (a server); the caller stops it. Should the test JVM end
     * first (a crash, Ctrl-C), a shutdown hook kills it, so no knotd or stile is left behind.
     */
    static Process start(Path log, Map<String, String> environment, List<String> command) {
        Process process = spawn(log, environment, command);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }, "stop-" + Path.of(command.get(0)).getFileName()));
        return process;
    }

    private static Process spawn(Path log, Map<String, String> environment, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
    }

    static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String tail(String output) {
        return output.length() <= QUOTED_TAIL ? output : "..." + output.substring(output.length() - QUOTED_TAIL);
    }
}
