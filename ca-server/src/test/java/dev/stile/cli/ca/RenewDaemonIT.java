package dev.stile.cli.ca;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.stile.cli.ca.LiveCa.leaf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code stile ca renew --daemon} against a live CA: renews at about two thirds of the lifetime,
 * survives the CA being down at renewal time and restarted, runs {@code --exec}, and stops
 * cleanly on SIGTERM as a real process.
 */
class RenewDaemonIT {

    @TempDir
    static Path dir;
    static LiveCa ca;

    @BeforeAll
    static void startCa() throws Exception {
        ca = LiveCa.start(dir);
        ca.bootstrap();
    }

    @AfterAll
    static void stopCa() {
        ca.close();
    }

    @Test
    void renewsAtTwoThirdsAndSurvivesACaRestart() throws Exception {
        Path crt = dir.resolve("daemon.crt");
        Path key = dir.resolve("daemon.key");
        Path marker = dir.resolve("exec-count");
        ca.enroll("daemon.example.com", crt, key, "30s");
        List<BigInteger> serials = new ArrayList<>();
        serials.add(leaf(crt).getSerialNumber());

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Thread daemon = new Thread(() -> ca.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("ca", "renew", "--daemon", "--retry-after", "1s", "--exec", "echo x >> " + marker,
                        crt.toString(), key.toString()), "renew-daemon");
        daemon.start();
        try {
            // First renewal after about 2/3 of 30 s, at most 1/20 earlier.
            long issued = leaf(crt).getNotBefore().getTime();
            waitForNewSerial(crt, serials, 40_000);
            assertThat(System.currentTimeMillis() - issued).isBetween(18_000L, 28_000L);

            // Stop the CA across the next renewal time: the daemon fails, retries every second,
            // and renews once the CA is back (before the certificate expires).
            ca.stop();
            long renewAt = leaf(crt).getNotAfter().getTime() - 9_000;
            Thread.sleep(Math.max(0, renewAt - System.currentTimeMillis()));
            ca.start();
            waitForNewSerial(crt, serials, 40_000);
            assertThat(err.toString()).contains("renewal failed", "cannot connect to " + ca.caUrl + "/renew",
                    "retrying in 1 s");
            // --exec runs after the new file is in place; let the second run finish.
            long deadline = System.currentTimeMillis() + 10_000;
            while ((!Files.exists(marker) || Files.readAllLines(marker).size() < 2) && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
        } finally {
            daemon.interrupt();
            daemon.join(10_000);
            if (!ca.running()) {
                ca.start();
            }
        }
        assertThat(daemon.isAlive()).isFalse();
        assertThat(out.toString()).contains("renewed " + crt, "stopped");
        assertThat(Files.readAllLines(marker)).hasSize(2);
        assertThat(serials).doesNotHaveDuplicates().hasSize(3);
    }

    static void waitForNewSerial(Path crt, List<BigInteger> seen, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            BigInteger serial = leaf(crt).getSerialNumber();
            if (!seen.contains(serial)) {
                seen.add(serial);
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no renewal of " + crt + " within " + timeoutMillis + " ms");
    }

    @Test
    void aDaemonProcessStopsCleanlyOnSigterm() throws Exception {
        Path crt = dir.resolve("proc.crt");
        Path key = dir.resolve("proc.key");
        ca.enroll("proc.example.com", crt, key, "1h");
        Path out = dir.resolve("proc.out");
        Path err = dir.resolve("proc.err");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.stile.server.Main",
                "ca", "renew", "--daemon", crt.toString(), key.toString());
        pb.environment().put("STILE_CLIENT_HOME", ca.clientHome.toString());
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = pb.start();
        try {
            long deadline = System.currentTimeMillis() + 60_000;
            while (!Files.readString(out).contains("next renewal at") && System.currentTimeMillis() < deadline) {
                assertThat(process.isAlive()).as("daemon died: " + Files.readString(err)).isTrue();
                Thread.sleep(200);
            }
            assertThat(Files.readString(out)).contains("next renewal at");
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        // 143 = 128 + SIGTERM, what the JVM reports after running its shutdown hooks.
        assertThat(process.exitValue()).isEqualTo(143);
        assertThat(Files.readString(out)).endsWith(" stopped\n");
        assertThat(Files.readString(err)).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
