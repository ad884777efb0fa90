package dev.stile.server.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static dev.stile.server.deploy.Manifests.strings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rendered StatefulSet's pod, run with podman as the kubelet would run it: its user and fsGroup,
 * read-only root, dropped capabilities, volumes (a fresh volume for the claim template, Secrets as
 * read-only directories, emptyDirs as tmpfs), env, ports published on 127.0.0.1, args.
 */
final class RenderedPod {

    private final Podman podman;
    private final JsonNode pod;
    private final JsonNode container;
    private final Path work;
    private final String test;

    RenderedPod(Podman podman, JsonNode pod, JsonNode container, Path work, String test) {
        this.podman = podman;
        this.pod = pod;
        this.container = container;
        this.work = work;
        this.test = test;
    }

    /** The startup probe's path and its whole budget (period x failureThreshold). */
    void awaitStartup(int opsPort) throws Exception {
        JsonNode startup = container.path("startupProbe");
        long budget = (long) startup.path("periodSeconds").asInt(10) * startup.path("failureThreshold").asInt(3);
        awaitProbe(opsPort, startup.path("httpGet").path("path").asText(), Duration.ofSeconds(budget));
    }

    int gracePeriodSeconds() {
        return pod.path("terminationGracePeriodSeconds").asInt(30);
    }

    /** {@code podman run --rm -i} of the image running {@code tar -C HOME ARGS} on a data volume, as the pod's user. */
    List<String> oneOff(String image, Path volume, String home, String... tarArgs) {
        JsonNode security = pod.path("securityContext");
        List<String> run = new ArrayList<>(List.of("run", "--rm", "-i"));
        run.addAll(Podman.RUN_LIMITS);
        run.addAll(List.of("--user", security.path("runAsUser").asText() + ":" + security.path("runAsGroup").asText(),
                "-v", volume + ":" + home, "--entrypoint", "tar", image, "-C", home));
        run.addAll(List.of(tarArgs));
        return run;
    }

    String env(String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e.path("value").asText();
            }
        }
        throw new AssertionError("no env " + name);
    }

    /**
     * podman run arguments equivalent to the pod spec: user, read-only root, mounts, env, ports, args.
     * The data volume is {@code data} (prepared by {@link #emptyVolume}), the password Secret's files
     * are in {@code secret} (made by {@link #passwordSecret}).
     */
    List<String> runArguments(String image, String name, Path data, Path secret, String... network) {
        JsonNode security = pod.path("securityContext");
        List<String> run = new ArrayList<>(List.of("run", "-d", "--name", name));
        run.addAll(Podman.RUN_LIMITS);
        run.addAll(List.of(network));
        run.addAll(List.of("--user", security.path("runAsUser").asText() + ":" + security.path("runAsGroup").asText(),
                "--group-add", security.path("fsGroup").asText()));
        if (container.path("securityContext").path("readOnlyRootFilesystem").asBoolean()) {
            run.addAll(List.of("--read-only", "--read-only-tmpfs=false"));
        }
        for (JsonNode cap : container.path("securityContext").path("capabilities").path("drop")) {
            run.add("--cap-drop=" + cap.asText());
        }
        if (!container.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true)) {
            run.addAll(List.of("--security-opt", "no-new-privileges"));
        }
        for (JsonNode mount : container.path("volumeMounts")) {
            String volume = mount.path("name").asText();
            String path = mount.path("mountPath").asText();
            JsonNode spec = volumeSpec(pod, volume);
            if (spec == null) {
                run.addAll(List.of("-v", data + ":" + path)); // the volumeClaimTemplate
            } else if (spec.has("secret")) {
                run.addAll(List.of("-v", secret + ":" + path + ":ro"));
            } else if (spec.has("emptyDir")) {
                run.addAll(List.of("--tmpfs", path + ":rw,size=16m,mode=1777"));
            } else {
                throw new AssertionError("volume " + volume + " of an unknown kind: " + spec);
            }
        }
        for (JsonNode env : container.path("env")) {
            run.addAll(List.of("-e", env.path("name").asText() + "=" + env.path("value").asText()));
        }
        for (JsonNode port : container.path("ports")) {
            run.addAll(List.of("-p", "127.0.0.1::" + port.path("containerPort").asInt()));
        }
        run.add(image);
        run.addAll(strings(container.path("args")));
        return run;
    }

    /** An empty volume owned by the pod's user and fsGroup, as the kubelet prepares a new PVC. */
    Path emptyVolume(String name) throws Exception {
        Path data = work.resolve(name);
        deleteTree(data);
        Files.createDirectories(data);
        JsonNode security = pod.path("securityContext");
        Podman.exec(List.of("chown", security.path("runAsUser").asText() + ":" + security.path("fsGroup").asText(),
                data.toString()), 10);
        return data;
    }

    /**
     * The stile-password Secret as docs/kubernetes.md creates it ({@code openssl rand -base64 32 >
     * password}, key {@code password}), with the Secret volume's mode and the pod's fsGroup.
     */
    Path passwordSecret(String openssl) throws Exception {
        Path secret = work.resolve("secret-stile-password");
        deleteTree(secret);
        Files.createDirectories(secret);
        Path file = secret.resolve("password");
        Files.writeString(file, Podman.exec(List.of(openssl, "rand", "-base64", "32"), 10));
        JsonNode spec = null;
        for (JsonNode v : pod.path("volumes")) {
            if (v.has("secret") && v.path("secret").path("secretName").asText().equals("stile-password")) {
                spec = v;
            }
        }
        assertThat(spec).as("a volume from the Secret stile-password").isNotNull();
        Podman.exec(List.of("chown", "0:" + pod.path("securityContext").path("fsGroup").asText(), file.toString()), 10);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(
                mode(spec.path("secret").path("defaultMode").asInt(0644))));
        return secret;
    }

    private static JsonNode volumeSpec(JsonNode pod, String name) {
        for (JsonNode v : pod.path("volumes")) {
            if (v.path("name").asText().equals(name)) {
                return v;
            }
        }
        return null;
    }

    Map<String, Integer> publishedPorts(String name) throws Exception {
        Map<String, Integer> out = new java.util.HashMap<>();
        for (JsonNode port : container.path("ports")) {
            String mapped = podman.run("port", name, port.path("containerPort").asText() + "/tcp").strip();
            out.put(port.path("name").asText(), Manifests.port(mapped.lines().findFirst().orElseThrow()));
        }
        return out;
    }

    void stopWithinGracePeriod(String name, int graceSeconds) throws Exception {
        long start = System.nanoTime();
        podman.run("stop", "-t", String.valueOf(graceSeconds), name);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("%s: %s stopped on SIGTERM in %d ms (grace period %d s)%n", test, name, took.toMillis(), graceSeconds);
        assertThat(took).as("stopped on SIGTERM, not killed after the grace period").isLessThan(Duration.ofSeconds(graceSeconds));
    }

    static void awaitProbe(int port, String path, Duration budget) throws Exception {
        long deadline = System.nanoTime() + budget.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            try {
                last = get(URI.create("http://127.0.0.1:" + port + path)).statusCode();
                if (last == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // The listener is not up yet: the CA is still being created.
            }
            Thread.sleep(250);
        }
        throw new AssertionError(path + " did not answer 200 within " + budget + " (last status " + last + ")");
    }

    static HttpResponse<String> get(URI uri) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static List<X509Certificate> certificates(String pem) throws Exception {
        List<X509Certificate> out = new ArrayList<>();
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        for (var c : cf.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
            out.add((X509Certificate) c);
        }
        return out;
    }

    static String fingerprint(X509Certificate c) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
    }

    static String mode(int octal) {
        String bits = "rwxrwxrwx";
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            out.append((octal & (1 << (8 - i))) != 0 ? bits.charAt(i) : '-');
        }
        return out.toString();
    }

    static void deleteTree(Path dir) throws Exception {
        if (Files.exists(dir)) {
            Podman.exec(List.of("rm", "-rf", dir.toString()), 30);
        }
    }

}
