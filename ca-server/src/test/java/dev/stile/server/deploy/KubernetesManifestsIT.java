package dev.stile.server.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.server.config.CaConfig;
import dev.stile.server.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.stile.server.deploy.Manifests.all;
import static dev.stile.server.deploy.Manifests.container;
import static dev.stile.server.deploy.Manifests.flag;
import static dev.stile.server.deploy.Manifests.one;
import static dev.stile.server.deploy.Manifests.port;
import static dev.stile.server.deploy.Manifests.strings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renders every overlay with {@code kubectl kustomize} and checks that the objects agree with each
 * other and with what Stile does: probes and Services name container ports that exist and that
 * Stile listens on, the CA's names match the Service, the issuers' URLs and the image reference.
 * ContainerImageIT then runs the rendered StatefulSet's container.
 */
class KubernetesManifestsIT {

    @TempDir
    Path tmp;

    /** What the CA is configured to do, as the rendered StatefulSet makes it. */
    record CaAsRendered(int httpsPort, int opsPort, List<String> dnsNames) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"single", "postgres"})
    void probesServicesAndPoliciesNameThePortsStileListensOn(String overlay) throws Exception {
        List<JsonNode> objects = Manifests.render(overlay);
        JsonNode container = container(objects);
        Map<String, Integer> ports = new HashMap<>();
        container.path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
        assertThat(ports).containsOnlyKeys("https", "ops");
        CaAsRendered ca = caAsRendered(overlay, objects);

        assertThat(ports.get("https")).as("the HTTPS container port is the one Stile listens on").isEqualTo(ca.httpsPort());
        assertThat(ports.get("ops")).as("the ops container port is the one Stile's ops listener uses").isEqualTo(ca.opsPort());
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            JsonNode get = container.path(probe).path("httpGet");
            assertThat(get.isMissingNode()).as(probe).isFalse();
            assertThat(resolve(get.path("port"), ports)).as(probe + " port").isEqualTo(ca.opsPort());
            assertThat(get.path("path").asText()).as(probe).isIn("/health", "/ready");
            assertThat(get.path("scheme").asText("HTTP")).as(probe).isEqualTo("HTTP");
        }

        JsonNode podLabels = one(objects, "StatefulSet", "stile").path("spec").path("template").path("metadata")
                .path("labels");
        for (JsonNode service : all(objects, "Service")) {
            assertSelects(service.path("spec").path("selector"), podLabels, service);
            for (JsonNode p : service.path("spec").path("ports")) {
                assertThat(resolve(p.path("targetPort"), ports)).as("targetPort of " + service.path("metadata")
                        .path("name").asText()).isIn(ports.values());
            }
        }
        int servicePort = servicePort(objects, "stile", "https");
        assertThat(resolve(one(objects, "Service", "stile").path("spec").path("ports").get(0).path("targetPort"), ports))
                .isEqualTo(ca.httpsPort());
        assertThat(servicePort).isEqualTo(9000);
        JsonNode policy = one(objects, "NetworkPolicy", "stile").path("spec");
        assertSelects(policy.path("podSelector").path("matchLabels"), podLabels, policy);
        policy.path("ingress").forEach(rule -> rule.path("ports")
                .forEach(p -> assertThat(resolve(p.path("port"), ports)).isIn(ports.values())));
        assertSelects(one(objects, "PodDisruptionBudget", "stile").path("spec").path("selector").path("matchLabels"),
                podLabels, policy);
        assertThat(one(objects, "StatefulSet", "stile").path("spec").path("serviceName").asText())
                .isIn(all(objects, "Service").stream().map(s -> s.path("metadata").path("name").asText()).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"single", "postgres"})
    void caNamesServiceIssuersAndImageAgree(String overlay) throws Exception {
        List<JsonNode> objects = Manifests.render(overlay);
        String namespace = one(objects, "Namespace", "stile").path("metadata").path("name").asText();
        List<String> expected = List.of("stile." + namespace + ".svc.cluster.local", "stile." + namespace + ".svc", "stile");
        CaAsRendered ca = caAsRendered(overlay, objects);
        assertThat(ca.dnsNames()).isEqualTo(expected);
        for (JsonNode o : objects) {
            if (!o.path("kind").asText().equals("Namespace")) {
                assertThat(o.path("metadata").path("namespace").asText()).as(o.toString()).isEqualTo(namespace);
            }
        }
        int servicePort = servicePort(objects, "stile", "https");

        URI acme = URI.create(one(Manifests.read(Manifests.deploy("examples/cluster-issuer-http01.yaml")),
                "ClusterIssuer", "stile-acme").path("spec").path("acme").path("server").asText());
        URI acmeDns = URI.create(one(Manifests.read(Manifests.deploy("examples/cluster-issuer-dns01-route53.yaml")),
                "ClusterIssuer", "stile-acme-dns").path("spec").path("acme").path("server").asText());
        URI step = URI.create(one(Manifests.read(Manifests.deploy("examples/step-cluster-issuer.yaml")),
                "StepClusterIssuer", "stile").path("spec").path("url").asText());
        for (URI url : List.of(acme, acmeDns, step)) {
            assertThat(url.getScheme()).isEqualTo("https");
            assertThat(url.getHost()).as(url.toString()).isEqualTo(expected.get(0));
            assertThat(url.getPort()).as(url + ": the Service's port").isEqualTo(servicePort);
        }
        assertThat(acme.getPath()).isEqualTo("/acme/acme/directory");
        assertThat(acmeDns.getPath()).isEqualTo("/acme/acme/directory");

        String ref = Manifests.run(List.of(Manifests.deploy("build-image.sh").toString(), "--print-ref")).strip();
        assertThat(container(objects).path("image").asText()).as("the image deploy/build-image.sh tags").isEqualTo(ref);
    }

    @ParameterizedTest
    @ValueSource(strings = {"single", "postgres"})
    void runsAsNonRootWithAReadOnlyRootAndSizedResources(String overlay) throws Exception {
        List<JsonNode> objects = Manifests.render(overlay);
        JsonNode pod = one(objects, "StatefulSet", "stile").path("spec").path("template").path("spec");
        JsonNode container = container(objects);
        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.path("securityContext").path("runAsUser").asInt()).isEqualTo(10001);
        assertThat(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(strings(container.path("securityContext").path("capabilities").path("drop"))).contains("ALL");
        assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
        assertThat(pod.path("enableServiceLinks").asBoolean(true)).as("no STILE_* service variables").isFalse();
        assertThat(mebibytes(container.path("resources").path("requests").path("memory").asText()))
                .as("request covers the measured RSS (ContainerImageIT)").isGreaterThanOrEqualTo(ContainerImageIT.RSS_BUDGET_MIB);
        assertThat(mebibytes(container.path("resources").path("limits").path("memory").asText()))
                .isGreaterThan(mebibytes(container.path("resources").path("requests").path("memory").asText()));
        // Every volume mounted exists, and /tmp (the JVM's scratch space) is writable.
        List<String> volumes = new ArrayList<>();
        pod.path("volumes").forEach(v -> volumes.add(v.path("name").asText()));
        one(objects, "StatefulSet", "stile").path("spec").path("volumeClaimTemplates")
                .forEach(v -> volumes.add(v.path("metadata").path("name").asText()));
        container.path("volumeMounts").forEach(m -> assertThat(volumes).contains(m.path("name").asText()));
        assertThat(container.path("volumeMounts").findValuesAsText("mountPath")).contains("/tmp");
        if (overlay.equals("single")) {
            assertThat(one(objects, "StatefulSet", "stile").path("spec").path("replicas").asInt()).isEqualTo(1);
            assertThat(env(container).get("STILE_HOME")).isEqualTo(mountPath(container, "data"));
        } else {
            assertThat(one(objects, "StatefulSet", "stile").path("spec").path("replicas").asInt()).isGreaterThan(1);
            assertThat(one(objects, "StatefulSet", "stile").path("spec").has("volumeClaimTemplates")).isFalse();
        }
    }

    @Test
    void theBackupPodMountsTheSingleReplicasVolumeAsTheStatefulSetDoes() throws Exception {
        List<JsonNode> objects = Manifests.render("single");
        JsonNode statefulSet = one(objects, "StatefulSet", "stile");
        JsonNode container = container(objects);
        JsonNode backup = one(Manifests.read(Manifests.deploy("kubernetes/backup-pod.yaml")), "Pod", "stile-backup");
        JsonNode backupContainer = backup.path("spec").path("containers").get(0);
        assertThat(backup.path("metadata").path("namespace").asText())
                .isEqualTo(statefulSet.path("metadata").path("namespace").asText());
        assertThat(backupContainer.path("image").asText()).as("the same image").isEqualTo(container.path("image").asText());
        String template = statefulSet.path("spec").path("volumeClaimTemplates").get(0).path("metadata").path("name").asText();
        String claim = template + "-" + statefulSet.path("metadata").path("name").asText() + "-0";
        JsonNode volume = backup.path("spec").path("volumes").get(0);
        assertThat(volume.path("persistentVolumeClaim").path("claimName").asText()).as("pod 0's claim").isEqualTo(claim);
        assertThat(backupContainer.path("volumeMounts").get(0).path("mountPath").asText())
                .isEqualTo(mountPath(container, template));
        JsonNode podSecurity = statefulSet.path("spec").path("template").path("spec").path("securityContext");
        assertThat(backup.path("spec").path("securityContext").path("runAsUser").asInt())
                .isEqualTo(podSecurity.path("runAsUser").asInt());
        assertThat(backup.path("spec").path("securityContext").path("fsGroup").asInt())
                .isEqualTo(podSecurity.path("fsGroup").asInt());
    }

    @Test
    void examplesUseOnlyFieldsCertManagerAndStepIssuerDocument() throws Exception {
        List<JsonNode> examples = new ArrayList<>();
        try (var files = Files.list(Manifests.deploy("examples"))) {
            for (Path f : files.sorted().toList()) {
                examples.addAll(Manifests.read(f));
            }
        }
        assertThat(all(examples, "ClusterIssuer")).hasSize(2);
        assertThat(all(examples, "StepClusterIssuer")).hasSize(1);
        for (JsonNode o : examples) {
            DocumentedFields.check(o);
        }
        for (JsonNode certificate : all(examples, "Certificate")) {
            assertThat(certificate.path("spec").path("revisionHistoryLimit").asInt(0))
                    .as("revisionHistoryLimit on " + certificate.path("metadata").path("name").asText())
                    .isBetween(1, 3);
            String issuer = certificate.path("spec").path("issuerRef").path("name").asText();
            String kind = certificate.path("spec").path("issuerRef").path("kind").asText();
            assertThat(Manifests.find(examples, kind, issuer)).as(kind + " " + issuer).isPresent();
        }
        JsonNode http = one(examples, "ClusterIssuer", "stile-acme").path("spec").path("acme");
        assertThat(http.path("solvers").findValues("http01")).isNotEmpty();
        JsonNode dns = one(examples, "ClusterIssuer", "stile-acme-dns").path("spec").path("acme");
        assertThat(dns.path("solvers").findValues("route53")).isNotEmpty();
        for (JsonNode issuer : List.of(http, dns, one(examples, "StepClusterIssuer", "stile").path("spec"))) {
            assertThat(issuer.path("caBundle").asText()).isNotEmpty();
        }
        // A profile named in an example must be one the CA offers: ContainerImageIT asks the running CA.
    }

    /** The CA's ports and names: from serve's first-run flags (single) or the CA the docs say to init (postgres). */
    private CaAsRendered caAsRendered(String overlay, List<JsonNode> objects) throws Exception {
        List<String> args = strings(container(objects).path("args"));
        assertThat(args.get(0)).isEqualTo("serve");
        if (overlay.equals("single")) {
            return new CaAsRendered(port(flag(args, "--address").orElseThrow()),
                    port(flag(args, "--ops-address").orElseThrow()),
                    List.of(flag(args, "--dns").orElseThrow().split(",")));
        }
        CaConfig config = ConfigLoader.load(initAsDocumented(overlay, objects));
        assertThat(config.db().kind().name()).isEqualTo("POSTGRESQL");
        return new CaAsRendered(config.address().port(), config.ops().address().port(), config.dnsNames());
    }

    /** The documented CA Secret laid out where the container mounts it; the ca.json its args name. */
    private Path initAsDocumented(String overlay, List<JsonNode> objects) throws Exception {
        Path mounted = DocumentedCaSecret.create(overlay, objects, tmp, arg -> arg);
        List<String> serveArgs = strings(container(objects).path("args"));
        String password = flag(serveArgs, "--password-file").orElseThrow();
        assertThat(mounted.resolve(password.substring(1))).exists();
        return mounted.resolve(serveArgs.get(1).substring(1));
    }

    private static String mountPath(JsonNode container, String volume) {
        return DocumentedCaSecret.mountPath(container, volume);
    }

    private static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new HashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        return env;
    }

    private static int servicePort(List<JsonNode> objects, String service, String portName) {
        for (JsonNode p : one(objects, "Service", service).path("spec").path("ports")) {
            if (p.path("name").asText().equals(portName)) {
                return p.path("port").asInt();
            }
        }
        throw new AssertionError("Service " + service + " has no port " + portName);
    }

    /** A port given by number or by the name of a container port. */
    private static int resolve(JsonNode port, Map<String, Integer> containerPorts) {
        if (port.isInt()) {
            return port.asInt();
        }
        Integer p = containerPorts.get(port.asText());
        assertThat(p).as("container port named " + port.asText()).isNotNull();
        return p;
    }

    private static void assertSelects(JsonNode selector, JsonNode podLabels, JsonNode owner) {
        assertThat(selector.isObject() && !selector.isEmpty()).as("selector of " + owner).isTrue();
        selector.properties().forEach(e -> assertThat(podLabels.path(e.getKey()).asText())
                .as("pod label " + e.getKey()).isEqualTo(e.getValue().asText()));
    }

    private static int mebibytes(String quantity) {
        assertThat(quantity).matches("\\d+(Mi|Gi)");
        int n = Integer.parseInt(quantity.replaceAll("\\D", ""));
        return quantity.endsWith("Gi") ? n * 1024 : n;
    }
}
