package dev.stile.server.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.testsupport.Requirements;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.util.KeyPairUtils;

import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.stile.server.deploy.Manifests.container;
import static dev.stile.server.deploy.Manifests.one;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds the image from deploy/Containerfile with deploy/build-image.sh (base: Debian's JRE made by
 * mmdebstrap, cached) and runs it as the rendered single-overlay StatefulSet runs it: its args, env,
 * user, read-only root, the password Secret and an empty data volume mounted where the manifest
 * mounts them. Then: the CA creates itself, the probes answer, an ACME order through the published
 * HTTPS port (Service name as SNI) is issued, RSS stays within the memory request, SIGTERM stops it
 * within the grace period, and a restart serves the same CA and data.
 */
class ContainerImageIT {

    /** The StatefulSet's memory request must cover this; the measured peak RSS must stay below it. */
    static final int RSS_BUDGET_MIB = 192;
    static final String SERVICE_NAME = "stile.stile.svc.cluster.local";
    private static final String NAME = "stile-container-image-it";
    private static final int LOAD_ORDERS = 40;
    private static final String RESPONDER = NAME + "-http01";
    private static final String RESTORED = NAME + "-restored";

    private final Podman podman = Podman.require();
    private final Path work = Path.of("target", "container-image-it").toAbsolutePath();

    @AfterEach
    void removeContainers() throws Exception {
        podman.status("rm", "-f", "-t", "0", RESPONDER);
        podman.status("rm", "-f", "-t", "0", NAME);
        podman.status("rm", "-f", "-t", "0", RESTORED);
    }

    @Test
    void theRenderedStatefulSetRunsTheImageCreatesItsCaIssuesAndRestartsWithTheSameCa() throws Exception {
        String openssl = Requirements.program("openssl", "openssl");
        dev.stile.authority.crypto.BouncyCastle.provider(); // acme4j's key helpers use the BC provider
        List<JsonNode> objects = Manifests.render("single");
        JsonNode statefulSet = one(objects, "StatefulSet", "stile");
        JsonNode pod = statefulSet.path("spec").path("template").path("spec");
        JsonNode container = container(objects);
        RenderedPod rendered = new RenderedPod(podman, pod, container, work, "ContainerImageIT");

        String base = podman.jreBase(work);
        String built = Manifests.run(List.of(Manifests.deploy("build-image.sh").toString(), "--base", base,
                "--tool", podman.scriptTool(work).toString())).strip();
        String image = built.substring(built.lastIndexOf('\n') + 1);
        assertThat(container.path("image").asText()).as("the manifest runs the image the script built").isEqualTo(image);

        removeContainers();
        Path secret = rendered.passwordSecret(openssl);
        Path data = rendered.emptyVolume("data");
        long started = System.nanoTime();
        podman.run(rendered.runArguments(image, NAME, data, secret));
        Map<String, Integer> published = rendered.publishedPorts(NAME);
        int ops = published.get("ops");
        int https = published.get("https");
        int grace = pod.path("terminationGracePeriodSeconds").asInt(30);

        JsonNode startup = container.path("startupProbe");
        long startupBudget = (long) startup.path("periodSeconds").asInt(10) * startup.path("failureThreshold").asInt(3);
        RenderedPod.awaitProbe(ops, startup.path("httpGet").path("path").asText(), Duration.ofSeconds(startupBudget));
        System.out.printf("ContainerImageIT: first start (CA creation) ready after %d ms%n",
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        for (String probe : List.of("readinessProbe", "livenessProbe")) {
            assertThat(RenderedPod.get(URI.create("http://127.0.0.1:" + ops + container.path(probe).path("httpGet").path("path")
                    .asText())).statusCode()).as(probe).isEqualTo(200);
        }
        String logs = podman.logs(NAME);
        assertThat(logs).contains("Created a new CA in /var/lib/stile for stile.stile.svc.cluster.local, stile.stile.svc, stile");
        // build-image.sh ran the image once to write its class-data archive; the server maps it.
        assertThat(podman.run("exec", NAME, "cat", "/proc/1/maps")).contains("/opt/stile/cds/stile-server.jsa");
        // The image carries the native crypto jars of both architectures and loads the one of this machine.
        assertThat(logs).contains("signatures are made and checked by AmazonCorrettoCryptoProvider");

        // The documented way to get the root for caBundle, and the same root over HTTPS.
        String rootPem = podman.run("exec", NAME, "cat", "/var/lib/stile/certs/root_ca.crt");
        X509Certificate root = RenderedPod.certificates(rootPem).get(0);
        ServiceNameTls tls = new ServiceNameTls(root, SERVICE_NAME);
        String fingerprint = RenderedPod.fingerprint(root);
        assertThat(tls.get(https, "/roots.pem")).contains(rootPem.strip());
        Path rootFile = work.resolve("root_ca.crt");
        Files.writeString(rootFile, rootPem);
        String sClient = Podman.exec(List.of("sh", "-c", "echo | " + openssl + " s_client -connect 127.0.0.1:" + https
                + " -servername " + SERVICE_NAME + " -verify_hostname " + SERVICE_NAME + " -CAfile " + rootFile
                + " -verify_return_error 2>&1"), 30);
        assertThat(sClient).contains("Verify return code: 0 (ok)");
        // The documented fingerprint check: openssl's SHA-256 fingerprint equals the log's "Root fingerprint".
        String opensslFingerprint = Podman.exec(List.of(openssl, "x509", "-in", rootFile.toString(), "-noout",
                "-fingerprint", "-sha256"), 10);
        assertThat(opensslFingerprint.substring(opensslFingerprint.indexOf('=') + 1).strip().replace(":", "").toLowerCase())
                .isEqualTo(fingerprint);
        assertThat(logs).contains("Root fingerprint: " + fingerprint);

        // A profile an example ClusterIssuer names must be one this CA's directory offers.
        JsonNode directory = new com.fasterxml.jackson.databind.ObjectMapper().readTree(tls.get(https, "/acme/acme/directory"));
        for (String profile : profilesNamedInExamples()) {
            assertThat(directory.path("meta").path("profiles").has(profile))
                    .as("profile %s of the examples in meta.profiles %s", profile, directory.path("meta")).isTrue();
        }

        // A cert-manager-style order: account, new-order, http-01, finalize, download.
        String containerIp = podman.run("inspect", "--format", "{{.NetworkSettings.IPAddress}}", NAME).strip();
        KeyPair accountKey = KeyPairUtils.createECKeyPair("secp256r1");
        Session session = tls.session(https);
        Login login = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey).createLogin(session);
        Order order = login.newOrder().identifier(Identifier.ip(containerIp)).create();
        for (Authorization authz : order.getAuthorizations()) {
            Http01Challenge challenge = authz.findChallenge(Http01Challenge.class).orElseThrow();
            startHttp01Responder(base, challenge.getToken(), challenge.getAuthorization());
            challenge.trigger();
            assertThat(challenge.waitForCompletion(Duration.ofSeconds(60))).as("http-01: %s", challenge.getError())
                    .isEqualTo(Status.VALID);
        }
        order.waitUntilReady(Duration.ofSeconds(30));
        order.execute(KeyPairUtils.createECKeyPair("secp256r1"));
        assertThat(order.waitForCompletion(Duration.ofSeconds(60))).as("%s", order.getError()).isEqualTo(Status.VALID);
        List<X509Certificate> chain = order.getCertificate().getCertificateChain();
        chain.get(0).verify(chain.get(1).getPublicKey());
        chain.get(1).verify(root.getPublicKey());
        String orderPath = order.getLocation().getPath();
        String serial = chain.get(0).getSerialNumber().toString(16);

        // Some hourly-renewal-like traffic (the authorization is reused, as for cert-manager's renewals),
        // so the RSS behind the memory request is measured on a CA that has been working.
        for (int i = 0; i < LOAD_ORDERS; i++) {
            Order renewal = login.newOrder().identifier(Identifier.ip(containerIp)).create();
            renewal.waitUntilReady(Duration.ofSeconds(30));
            renewal.execute(KeyPairUtils.createECKeyPair("secp256r1"));
            assertThat(renewal.waitForCompletion(Duration.ofSeconds(30))).isEqualTo(Status.VALID);
        }
        Rss rss = Rss.of(podman.run("exec", NAME, "cat", "/proc/1/status"));
        System.out.printf("ContainerImageIT: RSS after first start (CA creation) and %d ACME orders: VmRSS %d MiB, "
                + "VmHWM (peak) %d MiB; memory request %d MiB%n", LOAD_ORDERS + 1, rss.currentMib(), rss.peakMib(),
                RSS_BUDGET_MIB);
        assertThat(rss.peakMib()).as("peak RSS within the StatefulSet's memory request").isLessThan(RSS_BUDGET_MIB);

        rendered.stopWithinGracePeriod(NAME, grace);
        assertThat(podman.run("inspect", "--format", "{{.State.ExitCode}}", NAME).strip())
                .as("JVM exit status for a handled SIGTERM").isEqualTo("143");
        String stopLogs = podman.logs(NAME);
        assertThat(stopLogs).contains("stopped").doesNotContain("\tat ");

        // Restart: same volume, same CA (root fingerprint), same data (the order and its certificate).
        podman.run("start", NAME);
        published = rendered.publishedPorts(NAME);
        RenderedPod.awaitProbe(published.get("ops"), startup.path("httpGet").path("path").asText(), Duration.ofSeconds(startupBudget));
        X509Certificate rootAfter = RenderedPod.certificates(tls.get(published.get("https"), "/roots.pem")).get(0);
        assertThat(RenderedPod.fingerprint(rootAfter)).isEqualTo(fingerprint);
        assertThat(podman.logs(NAME).split("Created a new CA", -1)).as("the CA was created once, not again").hasSize(2);
        Login again = tls.session(published.get("https")).login(accountUrl(login, published.get("https")), accountKey);
        Order reloaded = again.bindOrder(new URL("https://127.0.0.1:" + published.get("https") + orderPath));
        reloaded.fetch();
        assertThat(reloaded.getStatus()).isEqualTo(Status.VALID);
        assertThat(reloaded.getCertificate().getCertificate().getSerialNumber().toString(16)).isEqualTo(serial);
        rendered.stopWithinGracePeriod(NAME, grace);

        // Backup and restore as docs/kubernetes.md does them: with the pod stopped, a one-off
        // container of the same image tars the volume out; another unpacks it into a new, empty
        // volume; a pod on that volume (same password Secret) serves the same CA and data.
        String home = rendered.env("STILE_HOME");
        Path backup = work.resolve("stile-backup.tar");
        podman.pipe(null, backup, rendered.oneOff(image, data, home, "-cf", "-", "."));
        Path restored = rendered.emptyVolume("data-restored");
        podman.pipe(backup, null, rendered.oneOff(image, restored, home, "-xf", "-"));
        podman.run(rendered.runArguments(image, RESTORED, restored, secret));
        Map<String, Integer> restoredPorts = rendered.publishedPorts(RESTORED);
        RenderedPod.awaitProbe(restoredPorts.get("ops"), startup.path("httpGet").path("path").asText(), Duration.ofSeconds(startupBudget));
        assertThat(RenderedPod.fingerprint(RenderedPod.certificates(tls.get(restoredPorts.get("https"), "/roots.pem")).get(0)))
                .as("the restored CA").isEqualTo(fingerprint);
        Order restoredOrder = tls.session(restoredPorts.get("https"))
                .login(accountUrl(login, restoredPorts.get("https")), accountKey)
                .bindOrder(new URL("https://127.0.0.1:" + restoredPorts.get("https") + orderPath));
        restoredOrder.fetch();
        assertThat(restoredOrder.getCertificate().getCertificate().getSerialNumber().toString(16)).isEqualTo(serial);
        assertThat(podman.logs(RESTORED)).doesNotContain("Created a new CA");
        rendered.stopWithinGracePeriod(RESTORED, grace);
    }

    /** The profiles the example ClusterIssuers ask for. */
    static List<String> profilesNamedInExamples() throws Exception {
        List<String> profiles = new ArrayList<>();
        for (String file : List.of("examples/cluster-issuer-http01.yaml", "examples/cluster-issuer-dns01-route53.yaml")) {
            for (JsonNode o : Manifests.read(Manifests.deploy(file))) {
                JsonNode p = o.path("spec").path("acme").path("profile");
                if (!p.isMissingNode()) {
                    profiles.add(p.asText());
                }
            }
        }
        return profiles;
    }

    /** A tiny http-01 responder in the Stile container's network namespace, on the container's port 80. */
    private void startHttp01Responder(String base, String token, String keyAuthorization) throws Exception {
        podman.status("rm", "-f", "-t", "0", RESPONDER);
        String perl = "use IO::Socket::INET; my $s = IO::Socket::INET->new(LocalPort => 80, Listen => 5, ReuseAddr => 1)"
                + " or die $!; while (my $c = $s->accept) { my $r = <$c>; while (<$c>) { last if /^\\r?\\n$/ }"
                + " my $b = ($r =~ m{^GET /\\.well-known/acme-challenge/\\Q$ENV{TOKEN}\\E }) ? $ENV{KEYAUTH} : undef;"
                + " print $c defined $b ? \"HTTP/1.1 200 OK\\r\\nContent-Type: text/plain\\r\\nContent-Length: \" . length($b)"
                + " . \"\\r\\nConnection: close\\r\\n\\r\\n$b\" : \"HTTP/1.1 404 Not Found\\r\\nContent-Length: 0\\r\\nConnection: close\\r\\n\\r\\n\";"
                + " close $c }";
        List<String> run = new ArrayList<>(List.of("run", "-d", "--name", RESPONDER, "--network", "container:" + NAME));
        run.addAll(Podman.RUN_LIMITS);
        run.addAll(List.of("--user", "0", "-e", "TOKEN=" + token, "-e", "KEYAUTH=" + keyAuthorization, base,
                "perl", "-e", perl));
        podman.run(run);
    }

    private URL accountUrl(Login login, int httpsPort) throws Exception {
        return new URL("https://127.0.0.1:" + httpsPort + login.getAccount().getLocation().getPath());
    }

    /** VmRSS and VmHWM of /proc/PID/status. */
    record Rss(long currentMib, long peakMib) {
        static Rss of(String status) {
            return new Rss(kib(status, "VmRSS") / 1024, kib(status, "VmHWM") / 1024);
        }

        private static long kib(String status, String field) {
            Matcher m = Pattern.compile(field + ":\\s+(\\d+) kB").matcher(status);
            assertThat(m.find()).as(field + " in " + status).isTrue();
            return Long.parseLong(m.group(1));
        }
    }
}
