package dev.stile.server.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stile.server.testsupport.StileJvm;
import dev.stile.server.testsupport.TestCa;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Stile run the way a user runs it: {@code stile init --acme} creates a CA, {@code ca.json} gets the
 * test's listen port and validation settings, and {@code stile serve CONFIG} runs as its own JVM
 * from {@code ca-server/target/stile.jar} until {@link #close()} sends SIGTERM and checks that it
 * shut down cleanly.
 */
final class StileServer implements AcmeServer {

    /**
     * Small heap, a single-threaded GC and only the quick JIT tier: the suite shares 2 cores, and
     * C2 compiling during start-up doubled the time to the first answer (24 s against 10 s, loaded).
     */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** The JVM's exit status after SIGTERM once its shutdown hooks have run (128 + 15). */
    private static final int EXIT_AFTER_SIGTERM = 143;
    private static final String PROVISIONER = "acme";

    private final Process process;
    private final Path log;
    private final Path root;
    private final int port;

    private StileServer(Process process, Path log, Path root, int port) {
        this.process = process;
        this.log = log;
        this.root = root;
        this.port = port;
    }

    /**
     * Creates a CA in the workspace and serves it on a free port of 127.0.0.1.
     *
     * @param httpPort port the http-01 validator dials ({@code validation.httpPort})
     * @param tlsPort  port the tls-alpn-01 validator dials ({@code validation.tlsPort})
     * @param resolver the only DNS server the validators ask ({@code validation.resolvers})
     */
    static StileServer start(Workspace workspace, int httpPort, int tlsPort, String resolver) {
        return start(workspace, httpPort, tlsPort, resolver, caJson -> { });
    }

    /** The same, with {@code caJsonEdit} applied to ca.json last (a test's own settings). */
    static StileServer start(Workspace workspace, int httpPort, int tlsPort, String resolver,
                             Consumer<ObjectNode> caJsonEdit) {
        Path jar = ModuleDirectory.stileJar();
        Path caDir = workspace.root().resolve("ca");
        Path password = workspace.root().resolve("ca-password");
        write(password, "e2e-password\n");
        int port = LoopbackPorts.freeTcpPort(LoopbackPorts.SERVER_ADDRESS);
        String address = LoopbackPorts.SERVER_ADDRESS + ":" + port;

        ExternalProgram.run(workspace.log("stile-init"), Map.of(), Duration.ofSeconds(60), java(jar, "init",
                "--dir", caDir.toString(), "--name", "Stile E2E", "--dns", LoopbackPorts.SERVER_ADDRESS + ",localhost",
                "--address", address, "--provisioner", "admin@example.com",
                "--password-file", password.toString(), "--acme")).assertSucceeded();
        Path config = caDir.resolve("config/ca.json");
        configure(config, address, httpPort, tlsPort, resolver, caJsonEdit);

        Path log = workspace.log("stile-serve");
        Process process = ExternalProgram.start(log, Map.of(), java(jar, "serve", config.toString(),
                "--password-file", password.toString()));
        StileServer server = new StileServer(process, log, caDir.resolve("certs/root_ca.crt"), port);
        server.awaitHealthy();
        return server;
    }

    @Override
    public URI directory() {
        return base().resolve("/acme/" + PROVISIONER + "/directory");
    }

    @Override
    public Path tlsTrust() {
        return root;
    }

    @Override
    public Path issuingRoot() {
        return root;
    }

    /** Everything {@code stile serve} has written so far. */
    String log() {
        return ExternalProgram.read(log);
    }

    /**
     * Sends SIGTERM and asserts what an operator would check: the process ends in time, with the
     * JVM's status for a handled SIGTERM, after logging that it stopped, without a stack trace.
     */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("stile serve did not stop within " + STOP_TIMEOUT.toSeconds()
                        + " s of SIGTERM:\n" + ExternalProgram.tail(log()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return;
        }
        String output = log();
        int exit = process.exitValue();
        if (exit != EXIT_AFTER_SIGTERM && exit != 0) {
            throw new AssertionError("stile serve exited with " + exit + " after SIGTERM:\n"
                    + ExternalProgram.tail(output));
        }
        if (!output.contains("stopped")) {
            throw new AssertionError("stile serve did not log that it stopped:\n" + ExternalProgram.tail(output));
        }
        if (output.contains("Exception") || output.contains("\tat ")) {
            throw new AssertionError("stile serve logged a stack trace:\n" + ExternalProgram.tail(output));
        }
    }

    /** Stops the server after a failed start, whose cause matters more than how it stops. */
    private void stopQuietly() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private URI base() {
        return URI.create("https://" + LoopbackPorts.SERVER_ADDRESS + ":" + port);
    }

    /** Polls /health, then checks the ACME directory is there, so a missing route fails here, clearly. */
    private void awaitHealthy() {
        HttpClient client = TestCa.clientTrusting(root);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("stile serve exited with code " + process.exitValue() + " while starting:\n"
                        + ExternalProgram.tail(log()));
            }
            try {
                if (get(client, base().resolve("/health")).statusCode() == 200) {
                    HttpResponse<String> directory = get(client, directory());
                    if (directory.statusCode() != 200) {
                        stopQuietly();
                        throw new AssertionError("stile serve does not serve the ACME directory: GET " + directory()
                                + " answered " + directory.statusCode() + ": " + directory.body());
                    }
                    return;
                }
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            sleep(Duration.ofMillis(200));
        }
        stopQuietly();
        throw new AssertionError("stile serve did not answer /health within " + START_TIMEOUT.toSeconds() + " s ("
                + last + "):\n" + ExternalProgram.tail(log()));
    }

    private static HttpResponse<String> get(HttpClient client, URI uri) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void configure(Path config, String address, int httpPort, int tlsPort, String resolver,
                                  Consumer<ObjectNode> caJsonEdit) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        try {
            ObjectNode ca = (ObjectNode) json.readTree(config.toFile());
            ca.put("address", address);
            ObjectNode validation = ca.putObject("validation");
            validation.put("httpPort", httpPort);
            validation.put("tlsPort", tlsPort);
            validation.putArray("resolvers").add(resolver);
            // The clients' responders listen on 127.0.0.2: loopback is refused unless allowed.
            validation.putArray("allowNetworks").add("127.0.0.0/8");
            caJsonEdit.accept(ca);
            json.writeValue(config.toFile(), ca);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot edit " + config, e);
        }
    }

    private static List<String> java(Path jar, String... arguments) {
        return StileJvm.command(jar, arguments);
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
