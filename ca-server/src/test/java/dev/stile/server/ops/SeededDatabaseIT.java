package dev.stile.server.ops;

import dev.stile.db.Database;
import dev.stile.server.App;
import dev.stile.server.config.ConfigLoader;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6 "done when": a database with 100,000 certificates and 1,000,000 order/authorization
 * rows; the real jar with {@code -Xmx64m} is ready within seconds, serves requests while
 * retention drains the expired part in batches, and its memory stays flat.
 */
class SeededDatabaseIT {

    @TempDir
    Path dir;

    @Test
    void bigDatabaseStartsFastServesAndDrainsWithFlatMemory() throws Exception {
        Path jar = Path.of("target/stile.jar").toAbsolutePath();
        assertThat(jar).as("built by the package phase before integration tests").exists();
        TestCa ca = TestCa.create(dir);
        int opsPort = freePort();
        String json = Files.readString(ca.config()).replace("\"address\": \"127.0.0.1:0\",",
                "\"address\": \"127.0.0.1:0\", \"ops\": {\"address\": \"127.0.0.1:" + opsPort + "\"},"
                        + " \"retention\": {\"batchSize\": 1000, \"interval\": \"1h\"},");
        Files.writeString(ca.config(), json);

        long seedStart = System.nanoTime();
        // A 256 MiB page cache for the seeding connection only: the server opens the same file
        // with its defaults.
        String url = ConfigLoader.load(ca.config()).db().jdbcUrl();
        try (Database db = Database.open(Database.Kind.H2, url + ";CACHE_SIZE=262144", null, null, 2)) {
            DatabaseSeeder.seed(db, Instant.now());
        }
        System.out.printf("seeded in %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - seedStart));

        Path passwordFile = dir.resolve("password.txt");
        Files.writeString(passwordFile, TestCa.PASSWORD + "\n");
        ProcessBuilder pb = new ProcessBuilder(StileJvm.command(jar,
                "serve", ca.config().toString(), "--password-file", passwordFile.toString()));
        StileJvm.environment(pb.environment());
        pb.environment().put("STILE_HOME", dir.resolve("home").toString());
        pb.redirectError(dir.resolve("stderr.log").toFile());
        pb.redirectOutput(dir.resolve("stdout.log").toFile());
        long start = System.nanoTime();
        Process process = pb.start();
        try {
            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            Duration ready = waitReady(plain, opsPort, process, start);
            System.out.printf("ready after %d ms%n", ready.toMillis());
            // "Ready within a few seconds" (issue 6), counted from the process start, JVM start-up
            // included: about 4 s on a busy 2-core machine.
            assertThat(ready).as("time from process start to /ready").isLessThan(Duration.ofSeconds(10));
            long rssAtReady = rssKiB(process.pid());

            List<Long> rss = new ArrayList<>();
            List<Double> heap = new ArrayList<>();
            List<Double> live = new ArrayList<>();
            List<Long> latencies = new ArrayList<>();
            // Generous: on an idle machine the drain takes well under a minute; CI machines are shared.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(480);
            String metrics = "";
            while (System.nanoTime() < deadline) {
                long t0 = System.nanoTime();
                HttpResponse<String> health = plain.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + opsPort + "/ready")).build(), HttpResponse.BodyHandlers.ofString());
                latencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
                assertThat(health.statusCode()).isEqualTo(200);
                metrics = plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + opsPort + "/metrics"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                heap.add(sum(metrics, "jvm_memory_used_bytes{area=\"heap\""));
                live.add(sum(metrics, "jvm_gc_live_data_size_bytes"));
                rss.add(rssKiB(process.pid()));
                if (sum(metrics, "stile_retention_deleted_rows_total{rule=\"orders\"") >= DatabaseSeeder.EXPIRED_ORDERS
                        && sum(metrics, "stile_retention_deleted_rows_total{rule=\"authorizations\"") >= DatabaseSeeder.EXPIRED_ORDERS
                        && sum(metrics, "stile_retention_deleted_rows_total{rule=\"certificates\"") >= DatabaseSeeder.EXPIRED_CERTIFICATES) {
                    break;
                }
                Thread.sleep(500);
            }
            System.out.printf("drained after %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            System.out.printf("rss KiB at ready %d, samples %s%nheap bytes %s%nlive bytes after GC %s%nlatency ms %s%n",
                    rssAtReady, rss, heap, live, latencies);
            assertThat(sum(metrics, "stile_retention_deleted_rows_total{rule=\"orders\""))
                    .as("orders drained; stderr: " + tail(dir.resolve("stderr.log"))).isEqualTo(DatabaseSeeder.EXPIRED_ORDERS);
            assertThat(sum(metrics, "stile_retention_deleted_rows_total{rule=\"authorizations\""))
                    .isEqualTo(DatabaseSeeder.EXPIRED_ORDERS);
            assertThat(sum(metrics, "stile_retention_deleted_rows_total{rule=\"certificates\""))
                    .isEqualTo(DatabaseSeeder.EXPIRED_CERTIFICATES);
            assertThat(sum(metrics, "stile_certificates_active ")).isGreaterThanOrEqualTo(DatabaseSeeder.CERTIFICATES / 2);
            // Flat memory: what survives a GC stays well under the cap (used heap before a GC
            // naturally approaches -Xmx with the serial collector), and the process does not grow
            // with the backlog.
            assertThat(heap).allSatisfy(h -> assertThat(h).isLessThanOrEqualTo(64.0 * 1024 * 1024));
            assertThat(live).allSatisfy(l -> assertThat(l).as("live heap after GC").isLessThan(48.0 * 1024 * 1024));
            // RSS: bounded, and no trend (the heap commits up to -Xmx early on; after that the
            // last quarter of the drain may not hold much more than the first).
            int quarter = Math.max(1, rss.size() / 4);
            long firstQuarter = rss.subList(0, quarter).stream().mapToLong(Long::longValue).max().orElseThrow();
            long lastQuarter = rss.subList(rss.size() - quarter, rss.size()).stream().mapToLong(Long::longValue).max()
                    .orElseThrow();
            assertThat(lastQuarter - firstQuarter).as("RSS trend in KiB while draining").isLessThan(48 * 1024);
            // The JVM of jvm.options measured ~150 MiB here (the 128 MiB budget is not met yet, see
            // docs/performance.md); without those flags the same drain reached 280 MiB.
            assertThat(rss).allSatisfy(r -> assertThat(r).as("RSS KiB").isLessThan(176 * 1024));
            assertThat(latencies.stream().mapToLong(Long::longValue).max().orElseThrow())
                    .as("slowest /ready while draining, ms").isLessThan(2000);

            HttpClient https = TestCa.clientTrusting(ca.rootFile());
            int port = httpsPort(dir.resolve("stdout.log"));
            HttpResponse<String> roots = https.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + port + "/roots")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(roots.statusCode()).isEqualTo(201);

            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        try (Database db = App.openDatabase(ConfigLoader.load(ca.config()).db())) {
            long orders = db.withConnection(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM acme_orders")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThat(orders).isEqualTo(DatabaseSeeder.ORDERS - DatabaseSeeder.EXPIRED_ORDERS);
        }
    }

    private static Duration waitReady(HttpClient client, int port, Process process, long start) throws Exception {
        long deadline = start + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("stile exited early").isTrue();
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not ready within 60 s");
    }

    /** Sum of every sample of a Prometheus metric whose line starts with {@code prefix}. */
    static double sum(String metrics, String prefix) {
        double total = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith(prefix)) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    private static long rssKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static int httpsPort(Path stdout) throws IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("listening on [^ ]*:(\\d+)\\)")
                .matcher(Files.readString(stdout));
        assertThat(m.find()).as("banner: " + Files.readString(stdout)).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static String tail(Path file) throws IOException {
        String s = Files.exists(file) ? Files.readString(file) : "";
        return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
