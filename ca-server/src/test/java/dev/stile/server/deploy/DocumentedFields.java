package dev.stile.server.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fields of the example objects, checked against the API references: cert-manager.io/v1
 * (cert-manager.io/docs/reference/api-docs: ACMEIssuer, ACMEChallengeSolver, ACMEIssuerDNS01ProviderRoute53,
 * CertificateSpec) and step-issuer's certmanager.step.sm/v1beta1 StepClusterIssuerSpec. A typo or a
 * field from another version (e.g. route53 "accessKeyIDSecretRef" under the wrong parent) fails here,
 * not at kubectl apply time. {@code *} stands for any map key.
 */
final class DocumentedFields {

    private static final List<String> METADATA = List.of("apiVersion", "kind", "metadata.name", "metadata.namespace",
            "metadata.labels.*", "metadata.annotations.*");

    private static final String SOLVER = "spec.acme.solvers[].";
    private static final String ROUTE53 = SOLVER + "dns01.route53.";

    private static final Map<String, List<String>> FIELDS = Map.of(
            "cert-manager.io/v1 ClusterIssuer", List.of(
                    "spec.acme.server", "spec.acme.caBundle", "spec.acme.email", "spec.acme.profile",
                    "spec.acme.privateKeySecretRef.name", "spec.acme.privateKeySecretRef.key",
                    "spec.acme.skipTLSVerify", "spec.acme.preferredChain", "spec.acme.disableAccountKeyGeneration",
                    "spec.acme.enableDurationFeature", "spec.acme.externalAccountBinding.keyID",
                    "spec.acme.externalAccountBinding.keySecretRef.name", "spec.acme.externalAccountBinding.keySecretRef.key",
                    SOLVER + "selector.dnsZones[]", SOLVER + "selector.dnsNames[]", SOLVER + "selector.matchLabels.*",
                    SOLVER + "http01.ingress.ingressClassName", SOLVER + "http01.ingress.class",
                    SOLVER + "http01.ingress.name", SOLVER + "http01.ingress.serviceType",
                    SOLVER + "dns01.cnameStrategy",
                    ROUTE53 + "region", ROUTE53 + "hostedZoneID", ROUTE53 + "role", ROUTE53 + "accessKeyID",
                    ROUTE53 + "accessKeyIDSecretRef.name", ROUTE53 + "accessKeyIDSecretRef.key",
                    ROUTE53 + "secretAccessKeySecretRef.name", ROUTE53 + "secretAccessKeySecretRef.key"),
            "cert-manager.io/v1 Certificate", List.of(
                    "spec.secretName", "spec.dnsNames[]", "spec.ipAddresses[]", "spec.uris[]", "spec.commonName",
                    "spec.duration", "spec.renewBefore", "spec.revisionHistoryLimit", "spec.usages[]",
                    "spec.privateKey.rotationPolicy", "spec.privateKey.algorithm", "spec.privateKey.size",
                    "spec.privateKey.encoding", "spec.issuerRef.name", "spec.issuerRef.kind", "spec.issuerRef.group",
                    "spec.secretTemplate.labels.*", "spec.secretTemplate.annotations.*"),
            "certmanager.step.sm/v1beta1 StepClusterIssuer", List.of(
                    "spec.url", "spec.caBundle", "spec.provisioner.name", "spec.provisioner.kid",
                    "spec.provisioner.passwordRef.name", "spec.provisioner.passwordRef.namespace",
                    "spec.provisioner.passwordRef.key"),
            "v1 Secret", List.of("type", "stringData.*", "data.*"));

    private DocumentedFields() {
    }

    static void check(JsonNode object) {
        String type = object.path("apiVersion").asText() + " " + object.path("kind").asText();
        assertThat(FIELDS).as("a documented apiVersion and kind").containsKey(type);
        List<String> allowed = new ArrayList<>(METADATA);
        allowed.addAll(FIELDS.get(type));
        List<String> leaves = new ArrayList<>();
        collect("", object, leaves);
        for (String leaf : leaves) {
            assertThat(allowed.stream().anyMatch(a -> matches(a, leaf)))
                    .as("%s %s: field %s is not in the API reference", type, object.path("metadata").path("name").asText(), leaf)
                    .isTrue();
        }
    }

    private static void collect(String prefix, JsonNode node, List<String> out) {
        if (node.isObject() && !node.isEmpty()) {
            node.properties().forEach(e -> collect(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
                    e.getValue(), out));
        } else if (node.isArray() && !node.isEmpty() && node.get(0).isContainerNode()) {
            node.forEach(element -> collect(prefix + "[]", element, out));
        } else {
            out.add(node.isArray() ? prefix + "[]" : prefix);
        }
    }

    private static boolean matches(String pattern, String path) {
        String regex = java.util.regex.Pattern.quote(pattern).replace("*", "\\E[^.]+\\Q");
        return path.matches(regex);
    }
}
