package dev.stile.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.authority.keys.KeyMaterial;
import dev.stile.server.testsupport.StileJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code stile serve}'s first run configured only through the environment (STILE_DNS, STILE_ADDRESS,
 * STILE_OPS_ADDRESS, STILE_CA_NAME), as a container or a service manager may set it: the real jar
 * creates its CA with those names and listeners and answers on the ops listener.
 */
class ServeFirstRunEnvironmentIT {

    @TempDir
    Path dir;

    @Test
    void theEnvironmentShapesTheFirstRunCa() throws Exception {
        Path jar = Path.of("target/stile.jar").toAbsolutePath();
        int https = freePort();
        int ops = freePort();
        Path home = dir.resolve("home");
        ProcessBuilder pb = new ProcessBuilder(StileJvm.command(jar, "serve"));
        StileJvm.environment(pb.environment());
        pb.environment().put("STILE_HOME", home.toString());
        pb.environment().put("STILE_DNS", "ca.stile.test,127.0.0.1");
        pb.environment().put("STILE_ADDRESS", "127.0.0.1:" + https);
        pb.environment().put("STILE_OPS_ADDRESS", "127.0.0.1:" + ops);
        pb.environment().put("STILE_CA_NAME", "Env Lab");
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("serve.log").toFile());
        Process process = pb.start();
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            int status = -1;
            while (status != 200 && System.nanoTime() < deadline) {
                assertThat(process.isAlive()).as(Files.readString(dir.resolve("serve.log"))).isTrue();
                try {
                    status = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops + "/ready")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (java.io.IOException notYet) {
                    Thread.sleep(250);
                }
            }
            assertThat(status).as(Files.readString(dir.resolve("serve.log"))).isEqualTo(200);
            JsonNode ca = new ObjectMapper().readTree(home.resolve("config/ca.json").toFile());
            assertThat(ca.path("dnsNames").toString()).isEqualTo("[\"ca.stile.test\",\"127.0.0.1\"]");
            assertThat(ca.path("address").asText()).isEqualTo("127.0.0.1:" + https);
            assertThat(ca.path("root").asText()).isEqualTo("certs/root_ca.crt");
            assertThat(KeyMaterial.readCertificates(home.resolve("certs/root_ca.crt")).get(0)
                    .getSubjectX500Principal().getName()).isEqualTo("CN=Env Lab Root CA,O=Env Lab");
            assertThat(home.resolve("secrets/password")).as("no --password-file: a generated one").exists();
            assertThat(Files.readString(home.resolve("config/defaults.json")))
                    .contains("\"ca-url\" : \"https://ca.stile.test:" + https + "\"");
        } finally {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(process.exitValue()).isEqualTo(143);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
