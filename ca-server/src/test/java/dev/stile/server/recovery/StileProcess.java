package dev.stile.server.recovery;

import dev.stile.server.testsupport.StileJvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code java @jvm.options -jar ca-server/target/stile.jar serve ca.json} as its own process, the
 * way users run it, which a test can kill with SIGKILL (kill -9) and start again on the same
 * configuration. Every start appends to one log file.
 */
final class StileProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final RecoveryCa ca;
    private final RecoveryCa.Node node;
    private final Path log;
    private Process process;

    private StileProcess(RecoveryCa ca, RecoveryCa.Node node) {
        this.ca = ca;
        this.node = node;
        this.log = ca.dir().resolve(node.name() + ".log");
    }

    /** Starts {@code stile serve <node's ca.json>} and waits until {@code /health} answers. */
    static StileProcess start(RecoveryCa ca, RecoveryCa.Node node) {
        StileProcess p = new StileProcess(ca, node);
        p.start();
        return p;
    }

    RecoveryCa.Node node() {
        return node;
    }

    /** Starts the process again (after {@link #kill9()}); returns how long until {@code /health} answered. */
    Duration start() {
        Path jar = Path.of(System.getProperty("basedir", "."), "target/stile.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is missing: integration tests run after the package phase");
        }
        List<String> command = StileJvm.command(jar, "serve", node.config().toString(), "--password-file",
                ca.passwordFile().toString());
        ProcessBuilder pb = new ProcessBuilder(command);
        StileJvm.environment(pb.environment());
        pb.environment().put("STILE_HOME", ca.dir().resolve("home").toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        long t0 = System.nanoTime();
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitHealthy();
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye, as a crash or the OOM killer ends it. */
    void kill9() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new AssertionError("stile serve survived SIGKILL for 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** SIGTERM and wait for the end. */
    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    String tail() {
        String all = log();
        return all.length() > 4000 ? "..." + all.substring(all.length() - 4000) : all;
    }

    private void awaitHealthy() {
        HttpClient client = ca.http();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("stile serve exited with " + process.exitValue() + " while starting:\n" + tail());
            }
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(node.base() + "/health"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        process.destroyForcibly();
        throw new AssertionError("stile serve did not answer /health within " + START_TIMEOUT.toSeconds() + " s:\n" + tail());
    }
}
