package dev.stile.server.http.acme;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.authority.keys.KeyMaterial;
import dev.stile.server.http.step.StepClients;
import dev.stile.server.testsupport.StileJvm;
import dev.stile.server.testsupport.TestCa;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.util.KeyPairUtils;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@code stile.jar} picks the native provider from {@code target/crypto/} on Linux
 * x86_64/aarch64, says so in its start-up line and on {@code /version}, and an acme4j order and a
 * step {@code /1.0/sign} succeed with it; with {@code STILE_NATIVE_CRYPTO=off} BouncyCastle serves.
 */
class NativeCryptoIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theJarSignsWithTheNativeProviderWhereItRunsAndWithBouncyCastleWhenTurnedOff() throws Exception {
        String expected = nativeExpected() ? "AmazonCorrettoCryptoProvider" : "BC";
        try (AcmeTestServer server = AcmeTestServer.start(dir)) {
            server.stopInProcess();

            try (RealJar jar = RealJar.start(server, null)) {
                assertThat(version(server).get("cryptoProvider").asText()).isEqualTo(expected);
                assertThat(jar.log()).contains("signatures are made and checked by " + expected);

                Account account = new AccountBuilder().agreeToTermsOfService()
                        .useKeyPair(KeyPairUtils.createECKeyPair("secp256r1")).create(server.session("acme"));
                Order order = account.newOrder().domains("a." + AcmeTestServer.DOMAIN).create();
                AcmeFlows.complete(server, order, Http01Challenge.TYPE);
                List<X509Certificate> acmeChain = order.getCertificate().getCertificateChain();
                AcmeFlows.assertChainVerifies(acmeChain, KeyMaterial.readCertificates(server.rootFile()).get(0));

                List<X509Certificate> signed = sign(server, "b." + AcmeTestServer.DOMAIN);
                AcmeFlows.assertChainVerifies(signed, KeyMaterial.readCertificates(server.rootFile()).get(0));
            }

            try (RealJar jar = RealJar.start(server, "off")) {
                assertThat(version(server).get("cryptoProvider").asText()).isEqualTo("BC");
                assertThat(jar.log()).contains("signatures are made and checked by BC (native provider turned off by STILE_NATIVE_CRYPTO)");
                List<X509Certificate> signed = sign(server, "c." + AcmeTestServer.DOMAIN);
                AcmeFlows.assertChainVerifies(signed, KeyMaterial.readCertificates(server.rootFile()).get(0));
            }
        }
    }

    @Test
    void anUnknownValueOfTheSwitchIsRefusedInOneLine() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(StileJvm.command(Path.of("target/stile.jar").toAbsolutePath(), "--help"));
        StileJvm.environment(pb.environment());
        pb.environment().put("STILE_NATIVE_CRYPTO", "maybe");
        pb.redirectErrorStream(true);
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).isEqualTo("stile: STILE_NATIVE_CRYPTO must be \"auto\" or \"off\", not \"maybe\"\n");
    }

    private static boolean nativeExpected() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux")
                && (arch.equals("amd64") || arch.equals("aarch64"))
                && Files.isRegularFile(Path.of("target/crypto/stile-crypto-linux-"
                + (arch.equals("amd64") ? "x86_64" : "aarch_64") + ".jar"));
    }

    private static JsonNode version(AcmeTestServer server) throws Exception {
        HttpResponse<String> r = server.http().send(HttpRequest.newBuilder(URI.create(server.base() + "/version"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** {@code POST /1.0/sign} with a one-time token of the {@code jwk} provisioner, as the step CLI sends it. */
    private static List<X509Certificate> sign(AcmeTestServer server, String name) throws Exception {
        PublicJsonWebKey provisioner = (PublicJsonWebKey) server.jwkProvisionerKey;
        String ott = StepClients.token(provisioner.getPrivateKey(), provisioner.getKeyId(), "jwk", name,
                server.base() + "/1.0/sign", List.of(name), Instant.now(), c -> { });
        KeyPair key = StepClients.ecKey();
        String body = JSON.createObjectNode().put("csr", StepClients.csr(key, name, List.of(name))).put("ott", ott)
                .toString();
        HttpResponse<String> r = server.http().send(HttpRequest.newBuilder(URI.create(server.base() + "/1.0/sign"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        List<X509Certificate> chain = new ArrayList<>();
        JSON.readTree(r.body()).get("certChain")
                .forEach(p -> chain.addAll(KeyMaterial.parseCertificates(p.asText(), "certChain")));
        assertThat(chain.get(0).getPublicKey()).isEqualTo(key.getPublic());
        return chain;
    }

    /** {@code stile.jar serve} on the test server's config and port, until closed (SIGTERM). */
    private static final class RealJar implements AutoCloseable {
        private final Process process;
        private final Path log;

        private RealJar(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        static RealJar start(AcmeTestServer server, String nativeCrypto) throws Exception {
            Path jar = Path.of("target/stile.jar").toAbsolutePath();
            assertThat(jar).as("built by the package phase before integration tests").exists();
            Path password = server.dir.resolve("password.txt");
            Files.writeString(password, TestCa.PASSWORD + "\n");
            Path log = Files.createTempFile(server.dir, "serve", ".log");
            ProcessBuilder pb = new ProcessBuilder(StileJvm.command(jar, "serve",
                    server.dir.resolve("config/ca.json").toString(), "--password-file", password.toString()));
            StileJvm.environment(pb.environment());
            pb.environment().put("STILE_HOME", server.dir.resolve("home").toString());
            pb.environment().remove("STILE_NATIVE_CRYPTO");
            if (nativeCrypto != null) {
                pb.environment().put("STILE_NATIVE_CRYPTO", nativeCrypto);
            }
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
            RealJar started = new RealJar(pb.start(), log);
            started.awaitHealthy(server);
            return started;
        }

        private void awaitHealthy(AcmeTestServer server) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline) {
                assertThat(process.isAlive()).as("stile serve exited early: " + log()).isTrue();
                try {
                    HttpResponse<String> r = server.http().send(HttpRequest.newBuilder(
                            URI.create(server.base() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        return;
                    }
                } catch (java.io.IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(200);
            }
            throw new AssertionError("stile serve did not answer /health within 90 s: " + log());
        }

        String log() throws Exception {
            return Files.readString(log);
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            try {
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
                assertThat(log()).doesNotContain("Exception");
            } finally {
                process.destroyForcibly();
            }
        }
    }
}
