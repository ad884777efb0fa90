package dev.stile.server.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.testsupport.Requirements;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.util.KeyPairUtils;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static dev.stile.server.deploy.Manifests.container;
import static dev.stile.server.deploy.Manifests.one;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The postgres overlay as rendered: its replicas run the image with the CA Secret made as the overlay
 * documents it (stile init, kubectl create secret) mounted where the manifest mounts it, against a
 * private schema of the test PostgreSQL. They start together (Flyway migrates once), serve the same
 * CA, and share their state: an account and an order made through one replica are found through
 * the other. The containers reach the host's PostgreSQL on 127.0.0.1 through slirp4netns'
 * host-loopback address 10.0.2.2 (a test-only network choice, like the podman flags).
 */
class PostgresOverlayIT {

    private static final String NAME = "stile-postgres-overlay-it-";
    private static final String HOST_LOOPBACK = "10.0.2.2";

    private final Podman podman = Podman.require();
    private final Path work = Path.of("target", "postgres-overlay-it").toAbsolutePath();
    private final List<String> started = new ArrayList<>();

    @AfterEach
    void removeContainers() throws Exception {
        for (String name : started) {
            podman.status("rm", "-f", "-t", "0", name);
        }
    }

    @Test
    void replicasServeOneCaFromTheSecretAndShareTheDatabase() throws Exception {
        String postgres = Requirements.postgresUrl();
        dev.stile.authority.crypto.BouncyCastle.provider(); // acme4j's key helpers use the BC provider
        List<JsonNode> objects = Manifests.render("postgres");
        JsonNode statefulSet = one(objects, "StatefulSet", "stile");
        JsonNode pod = statefulSet.path("spec").path("template").path("spec");
        JsonNode container = container(objects);
        int replicas = statefulSet.path("spec").path("replicas").asInt();
        assertThat(replicas).isGreaterThan(1);

        String base = podman.jreBase(work);
        String built = Manifests.run(List.of(Manifests.deploy("build-image.sh").toString(), "--base", base,
                "--tool", podman.scriptTool(work).toString())).strip();
        String image = built.substring(built.lastIndexOf('\n') + 1);
        assertThat(container.path("image").asText()).isEqualTo(image);

        String schema = "overlay_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        sql(postgres, "CREATE SCHEMA " + schema);
        try {
            String fromContainer = postgres.replace("//127.0.0.1:", "//" + HOST_LOOPBACK + ":").replace("//localhost:",
                    "//" + HOST_LOOPBACK + ":") + (postgres.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            RenderedPod.deleteTree(work.resolve("ca"));
            Files.createDirectories(work.resolve("ca"));
            Path mounted = DocumentedCaSecret.create("postgres", objects, work.resolve("ca"),
                    arg -> arg.startsWith("postgresql://") ? fromContainer : arg);
            String mountPath = DocumentedCaSecret.mountPath(container, "ca");
            Path secret = mounted.resolve(mountPath.substring(1));
            // As the kubelet writes a Secret volume: root-owned, readable by the pod's fsGroup (defaultMode).
            String fsGroup = pod.path("securityContext").path("fsGroup").asText();
            Podman.exec(List.of("chown", "-R", "0:" + fsGroup, secret.toString()), 10);
            Podman.exec(List.of("find", secret.toString(), "-type", "d", "-exec", "chmod", "0750", "{}", "+"), 10);
            Podman.exec(List.of("find", secret.toString(), "-type", "f", "-exec", "chmod", "0440", "{}", "+"), 10);
            X509Certificate root = RenderedPod.certificates(Files.readString(secret.resolve("certs/root_ca.crt"))).get(0);

            RenderedPod rendered = new RenderedPod(podman, pod, container, work, "PostgresOverlayIT");
            List<Map<String, Integer>> ports = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                String name = NAME + i;
                podman.status("rm", "-f", "-t", "0", name);
                started.add(name);
                podman.run(rendered.runArguments(image, name, null, secret,
                        "--network", "slirp4netns:allow_host_loopback=true"));
            }
            for (String name : started) {
                Map<String, Integer> published = rendered.publishedPorts(name);
                rendered.awaitStartup(published.get("ops"));
                ports.add(published);
            }
            ServiceNameTls tls = new ServiceNameTls(root, ContainerImageIT.SERVICE_NAME);
            for (Map<String, Integer> p : ports) {
                assertThat(RenderedPod.fingerprint(RenderedPod.certificates(tls.get(p.get("https"), "/roots.pem")).get(0)))
                        .as("every replica serves the Secret's CA").isEqualTo(RenderedPod.fingerprint(root));
            }

            // State made through replica 0 is there through replica 1: one database.
            int first = ports.get(0).get("https");
            int second = ports.get(1).get("https");
            KeyPair accountKey = KeyPairUtils.createECKeyPair("secp256r1");
            Login login = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey)
                    .createLogin(tls.session(first));
            Order order = login.newOrder().domain("app.stile.test").create();
            Login elsewhere = tls.session(second).login(new URL("https://127.0.0.1:" + second
                    + login.getAccount().getLocation().getPath()), accountKey);
            Order seen = elsewhere.bindOrder(new URL("https://127.0.0.1:" + second + order.getLocation().getPath()));
            seen.fetch();
            assertThat(seen.getStatus()).isEqualTo(Status.PENDING);
            assertThat(seen.getIdentifiers()).extracting(id -> id.getDomain()).containsExactly("app.stile.test");

            for (String name : started) {
                rendered.stopWithinGracePeriod(name, rendered.gracePeriodSeconds());
                assertThat(podman.run("inspect", "--format", "{{.State.ExitCode}}", name).strip()).isEqualTo("143");
            }
        } finally {
            sql(postgres, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static void sql(String url, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(url); var s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
