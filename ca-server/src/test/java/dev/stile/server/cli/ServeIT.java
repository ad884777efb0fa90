package dev.stile.server.cli;

import dev.stile.server.testsupport.StileJvm;
import dev.stile.server.testsupport.TestCa;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the real {@code stile.jar serve} with the launcher's heap limit, talks TLS to it, then SIGTERMs it. */
class ServeIT {

    private static final Pattern LISTENING = Pattern.compile("listening on [^ ]*:(\\d+)\\)");

    @TempDir
    Path dir;

    @Test
    void servesHealthAndRootsFromTheJarAndStopsCleanlyOnSigterm() throws Exception {
        Path jar = Path.of("target/stile.jar").toAbsolutePath();
        assertThat(jar).as("built by the package phase before integration tests").exists();
        TestCa ca = TestCa.create(dir);
        Path passwordFile = dir.resolve("password.txt");
        Files.writeString(passwordFile, TestCa.PASSWORD + "\n");
        ProcessBuilder pb = new ProcessBuilder(StileJvm.command(jar,
                "serve", ca.config().toString(), "--password-file", passwordFile.toString(),
                "--resolver", "127.0.0.1:5353"));
        StileJvm.environment(pb.environment());
        pb.environment().put("STILE_HOME", dir.resolve("home").toString());
        pb.redirectError(dir.resolve("stderr.log").toFile());
        Process process = pb.start();
        try {
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (Exception ignored) {
                    // the process ended
                }
            });
            reader.setDaemon(true);
            reader.start();
            int port = -1;
            StringBuilder banner = new StringBuilder();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (port < 0 && System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line == null) {
                    assertThat(process.isAlive()).as("stile serve exited early: " + Files.readString(dir.resolve("stderr.log"))).isTrue();
                    continue;
                }
                banner.append(line).append('\n');
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
            assertThat(port).as("banner: " + banner).isPositive();
            while (lines.peek() != null || banner.indexOf("Trust the root") < 0) {
                String line = lines.poll(5, TimeUnit.SECONDS);
                if (line == null) {
                    break;
                }
                banner.append(line).append('\n');
            }
            assertThat(banner).contains("Root fingerprint: ", "ACME directory:   https://localhost:" + port
                    + "/acme/acme/directory", "curl --cacert " + ca.rootFile());

            HttpClient client = TestCa.clientTrusting(ca.rootFile());
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}\n");
            HttpResponse<String> roots = client.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + port + "/roots")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(roots.statusCode()).isEqualTo(201);
            assertThat(roots.body()).contains("BEGIN CERTIFICATE");

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(dir.resolve("stderr.log"))).contains("stopped").doesNotContain("Exception");
        } finally {
            process.destroyForcibly();
        }
    }
}
