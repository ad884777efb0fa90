package dev.stile.server.cli;

import dev.stile.server.testsupport.StileJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@code stile.jar}: {@code stile init} and {@code stile serve} load no class of the
 * client commands (the JVM's own class-load log says so), while {@code stile ca} and
 * {@code stile admin} still answer from the same jar with the help and errors they always had.
 */
class ClientCommandsInTheJarIT {

    private static final Path JAR = Path.of("target/stile.jar").toAbsolutePath();
    private static final String CLIENT_PACKAGE = " dev.stile.cli.";

    @TempDir
    Path dir;

    @Test
    void initAndServeLoadNoClassOfTheClientCommands() throws Exception {
        Path password = dir.resolve("password");
        Files.writeString(password, "ca-secret\n");
        Path ca = dir.resolve("ca");
        Path initLog = dir.resolve("init-classes.log");
        Run init = run(initLog, "init", "--dir", ca.toString(), "--name", "Load Test", "--dns", "localhost,127.0.0.1",
                "--address", "127.0.0.1:" + freePort(), "--provisioner", "admin@example.com", "--password-file", password.toString());
        assertThat(init.exit()).as(init.toString()).isZero();
        assertLoadedServerButNoClient(initLog, "dev.stile.server.cli.InitCommand");

        Path serveLog = dir.resolve("serve-classes.log");
        ProcessBuilder pb = jvm(serveLog, "serve", ca.resolve("config/ca.json").toString(),
                "--password-file", password.toString(), "--resolver", "127.0.0.1:5353");
        pb.redirectError(dir.resolve("serve-stderr.log").toFile());
        Process serve = pb.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean listening = false;
            while (!listening && (line = out.readLine()) != null) {
                listening = line.contains("listening on");
            }
            assertThat(listening).as("stile serve never listened: " + Files.readString(dir.resolve("serve-stderr.log")))
                    .isTrue();
        } finally {
            serve.destroy(); // SIGTERM: the class log is complete once the JVM has exited
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertLoadedServerButNoClient(serveLog, "dev.stile.server.cli.ServeCommand");
    }

    @Test
    void theClientCommandsAnswerFromTheSameJarAsBefore() throws Exception {
        Run top = run(null, "--help");
        assertThat(top.exit()).isZero();
        assertThat(top.out()).contains("  ca      Enroll, renew and revoke against a step-ca compatible CA, like the\n"
                + "            step CLI's 'step ca'.\n", "  admin   Log in as an admin and inspect or change the CA");

        Run ca = run(null, "ca", "--help");
        assertThat(ca.exit()).isZero();
        assertThat(ca.out()).startsWith("Usage: stile ca [-hV] [COMMAND]\n")
                .contains("  bootstrap", "  certificate", "  renew", "  revoke", "  provisioner", "  roots", "  health");
        assertThat(run(null, "help", "ca").out()).isEqualTo(ca.out());

        Run admin = run(null, "admin", "--help");
        assertThat(admin.exit()).isZero();
        assertThat(admin.out()).startsWith("Usage: stile admin [-hV] [COMMAND]\n").contains("  login", "  console-url");
        assertThat(run(null, "help", "admin").out()).isEqualTo(admin.out());

        Run wrong = run(null, "ca", "bogus");
        assertThat(wrong.exit()).isEqualTo(2);
        assertThat(wrong.err()).isEqualTo("stile: Unmatched argument at index 1: 'bogus' (see 'stile ca --help')\n");
        Run notLoggedIn = run(null, "admin", "certificates");
        assertThat(notLoggedIn.exit()).isEqualTo(2);
        assertThat(notLoggedIn.err()).startsWith("stile: not logged in: run 'stile admin login").doesNotContain("\tat ");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void assertLoadedServerButNoClient(Path classLog, String serverClass) throws IOException {
        List<String> lines = Files.readAllLines(classLog);
        assertThat(lines).as("the class-load log of the JVM").anyMatch(l -> l.contains(" " + serverClass + " "));
        assertThat(lines.stream().filter(l -> l.contains(CLIENT_PACKAGE)).collect(Collectors.toList()))
                .as("classes of the client commands loaded").isEmpty();
    }

    /** What one {@code java -jar stile.jar ARGS} printed and returned. */
    record Run(int exit, String out, String err) {
    }

    private Run run(Path classLog, String... args) throws Exception {
        ProcessBuilder pb = jvm(classLog, args);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("stile " + String.join(" ", args)).isTrue();
        return new Run(p.exitValue(), Files.readString(out), withoutJvmNotice(Files.readString(err)));
    }

    /**
     * The jar as users start it; with {@code classLog}, the JVM writes every class it loads there
     * (through JAVA_TOOL_OPTIONS, so the command line stays the users' one).
     */
    private ProcessBuilder jvm(Path classLog, String... args) {
        ProcessBuilder pb = new ProcessBuilder(StileJvm.command(JAR, args));
        StileJvm.environment(pb.environment());
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("STILE_HOME", dir.resolve("stile-home").toString());
        pb.environment().put("STILE_CLIENT_HOME", dir.resolve("client").toString());
        if (classLog != null) {
            pb.environment().put("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + classLog);
        } else {
            pb.environment().remove("JAVA_TOOL_OPTIONS");
        }
        return pb;
    }

    private static String withoutJvmNotice(String err) {
        return err.lines().filter(l -> !l.startsWith("Picked up JAVA_TOOL_OPTIONS"))
                .map(l -> l + "\n").collect(Collectors.joining());
    }
}
