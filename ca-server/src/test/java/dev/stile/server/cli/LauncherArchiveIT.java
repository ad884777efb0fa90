package dev.stile.server.cli;

import dev.stile.server.testsupport.StileJvm;
import dev.stile.server.testsupport.TestCa;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's application class-data archives (docs/performance.md, "Start-up"): the first run
 * of a command writes one, the next run maps it, an archive of another build is replaced, and a
 * directory that cannot hold one changes nothing but the speed. Runs the real {@code ./stile}
 * against the jar the package phase built.
 */
class LauncherArchiveIT {

    @TempDir
    Path dir;

    @Test
    void theFirstClientRunWritesAnArchiveTheNextRunMapsAndAnOldBuildsArchiveGoes() throws Exception {
        Path archives = dir.resolve("cds");
        Files.createDirectories(archives);
        Path oldBuild = Files.writeString(archives.resolve("stile-ca-1234.jsa"), "an archive of an earlier jar");

        Result first = stile(Map.of("STILE_CDS_DIR", archives.toString()), "ca", "--help");
        assertThat(first.status()).isZero();
        assertThat(first.stdout()).contains("Usage: stile ca");
        assertThat(first.stderr()).isEmpty();
        assertThat(archivesIn(archives)).as("one archive, nothing half-written left").hasSize(1)
                .allSatisfy(a -> assertThat(a.getFileName().toString()).matches("stile-ca-[0-9]+\\.jsa"));
        assertThat(oldBuild).doesNotExist();

        Result second = stile(Map.of("STILE_CDS_DIR", archives.toString(), "STILE_JAVA_OPTS", "-Xlog:class+load"),
                "ca", "--help");
        assertThat(second.status()).isZero();
        assertThat(second.stdout()).as("the client's own classes come from the archive")
                .containsPattern("dev\\.stile\\.cli\\.ca\\.CaCommand source: shared objects file \\(top\\)");
        assertThat(archivesIn(archives)).hasSize(1);
    }

    @Test
    void aDirectoryThatCannotHoldTheArchiveOnlyCostsSpeed() throws Exception {
        Result result = stile(Map.of("STILE_CDS_DIR", "/proc/stile-cannot-write-here"), "ca", "--help");
        assertThat(result.status()).isZero();
        assertThat(result.stdout()).contains("Usage: stile ca");
        assertThat(result.stderr()).isEmpty();
    }

    @Test
    void serveWritesItsArchiveWhenStoppedThroughTheLauncher() throws Exception {
        TestCa ca = TestCa.create(dir);
        int opsPort = freePort();
        String json = Files.readString(ca.config()).replace("\"address\": \"127.0.0.1:0\",",
                "\"address\": \"127.0.0.1:0\", \"ops\": {\"address\": \"127.0.0.1:" + opsPort + "\"},");
        Files.writeString(ca.config(), json);
        Path passwordFile = Files.writeString(dir.resolve("password.txt"), TestCa.PASSWORD + "\n");
        Path archives = dir.resolve("cds");

        ProcessBuilder pb = launcher(Map.of("STILE_CDS_DIR", archives.toString(), "STILE_HOME", dir.resolve("home").toString()),
                "serve", ca.config().toString(), "--password-file", passwordFile.toString());
        pb.redirectOutput(dir.resolve("stdout.log").toFile()).redirectError(dir.resolve("stderr.log").toFile());
        Process launcher = pb.start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            int status = 0;
            while (status != 200 && System.nanoTime() < deadline && launcher.isAlive()) {
                try {
                    status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + opsPort + "/ready")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
            assertThat(status).as("ready; stderr: " + Files.readString(dir.resolve("stderr.log"))).isEqualTo(200);
            // SIGTERM to the launcher (as a service manager or `kill` would send it) reaches the JVM.
            launcher.destroy();
            assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(launcher.exitValue()).as("the JVM's own status after SIGTERM").isEqualTo(143);
        } finally {
            launcher.destroyForcibly();
        }
        assertThat(archivesIn(archives)).hasSize(1)
                .allSatisfy(a -> assertThat(a.getFileName().toString()).matches("stile-server-[0-9]+\\.jsa"));
    }

    private record Result(int status, String stdout, String stderr) {
    }

    private Result stile(Map<String, String> env, String... args) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder pb = launcher(env, args);
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Process process = pb.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private ProcessBuilder launcher(Map<String, String> env, String... args) {
        Path script = StileJvm.options().resolveSibling("stile");
        ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of(script.toString()), Stream.of(args)).toList());
        StileJvm.environment(pb.environment());
        // The launcher runs `java` from PATH: the JDK running the tests.
        pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + pb.environment().get("PATH"));
        pb.environment().put("STILE_CLIENT_HOME", dir.resolve("client").toString());
        pb.environment().putAll(env);
        return pb;
    }

    private static List<Path> archivesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
