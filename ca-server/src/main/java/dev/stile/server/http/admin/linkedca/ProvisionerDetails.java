package dev.stile.server.http.admin.linkedca;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stile.provisioners.PemBundles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The type-specific part of a provisioner: linkedca's {@code details.<TYPE>} to and from the
 * ca.json keys of that type (step-ca's {@code ProvisionerToCertificates}/{@code ProvisionerToLinkedca}).
 * PEM bundles: linkedca has one {@code bytes} value per PEM block, ca.json one base64 value of the
 * whole bundle (Go {@code []byte}).
 */
final class ProvisionerDetails {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PEM_BLOCK = Pattern.compile("-----BEGIN ([^-]+)-----.*?-----END \\1-----\\r?\\n?",
            Pattern.DOTALL);

    /** linkedca ACMEProvisioner.ChallengeType -> ca.json challenge name. */
    static final Map<String, String> CHALLENGES = ordered("HTTP_01", "http-01", "DNS_01", "dns-01",
            "TLS_ALPN_01", "tls-alpn-01", "DEVICE_ATTEST_01", "device-attest-01");
    private static final String[] CHALLENGE_NUMBERS = {"UNKNOWN", "HTTP_01", "DNS_01", "TLS_ALPN_01", "DEVICE_ATTEST_01"};
    /** linkedca ACMEProvisioner.AttestationFormatType -> ca.json format name. */
    static final Map<String, String> FORMATS = ordered("APPLE", "apple", "STEP", "step", "TPM", "tpm");
    private static final String[] FORMAT_NUMBERS = {"NONE", "APPLE", "STEP", "TPM"};

    private ProvisionerDetails() {
    }

    static void toCaJson(ProvisionerKind kind, JsonNode d, ObjectNode out) {
        String w = "details." + kind.detailsKey;
        switch (kind) {
            case JWK:
                byte[] key = ProtoJson.bytes(d, "publicKey", w);
                if (key.length == 0) {
                    throw new IllegalArgumentException(w + ".publicKey (base64 of the public JWK) is missing");
                }
                JsonNode jwk;
                try {
                    jwk = JSON.readTree(key);
                } catch (IOException e) {
                    jwk = null;
                }
                if (jwk == null || !jwk.isObject()) {
                    throw new IllegalArgumentException(w + ".publicKey is not base64 of a JWK JSON object");
                }
                out.set("key", jwk);
                ProtoJson.putString(out, "encryptedKey", ProtoJson.utf8(ProtoJson.bytes(d, "encryptedPrivateKey", w)).trim());
                break;
            case ACME:
                ProtoJson.putTrue(out, "forceCN", ProtoJson.bool(d, "forceCn", w));
                ProtoJson.putTrue(out, "requireEAB", ProtoJson.bool(d, "requireEab", w));
                ProtoJson.putStrings(out, "challenges", enums(d, "challenges", w, CHALLENGES, CHALLENGE_NUMBERS));
                ProtoJson.putStrings(out, "attestationFormats", enums(d, "attestationFormats", w, FORMATS, FORMAT_NUMBERS));
                ProtoJson.putString(out, "attestationRoots", joinPem(ProtoJson.bytesList(d, "attestationRoots", w)));
                ProtoJson.putString(out, "termsOfService", ProtoJson.string(d, "termsOfService", w));
                ProtoJson.putString(out, "website", ProtoJson.string(d, "website", w));
                ProtoJson.putStrings(out, "caaIdentities", ProtoJson.strings(d, "caaIdentities", w));
                break;
            case X5C:
                ProtoJson.putString(out, "roots", joinPem(ProtoJson.bytesList(d, "roots", w)));
                break;
            case K8SSA:
                ProtoJson.putString(out, "publicKeys", joinPem(ProtoJson.bytesList(d, "publicKeys", w)));
                break;
            case OIDC:
                ProtoJson.putString(out, "clientID", ProtoJson.string(d, "clientId", w));
                ProtoJson.putString(out, "clientSecret", ProtoJson.string(d, "clientSecret", w));
                ProtoJson.putString(out, "configurationEndpoint", ProtoJson.string(d, "configurationEndpoint", w));
                ProtoJson.putStrings(out, "admins", ProtoJson.strings(d, "admins", w));
                ProtoJson.putStrings(out, "domains", ProtoJson.strings(d, "domains", w));
                ProtoJson.putStrings(out, "groups", ProtoJson.strings(d, "groups", w));
                ProtoJson.putString(out, "listenAddress", ProtoJson.string(d, "listenAddress", w));
                ProtoJson.putString(out, "tenantID", ProtoJson.string(d, "tenantId", w));
                break;
            default:
                throw new IllegalStateException("unhandled provisioner kind " + kind);
        }
    }

    static ObjectNode toProtoJson(ProvisionerKind kind, JsonNode c) {
        ObjectNode d = JSON.createObjectNode();
        switch (kind) {
            case JWK:
                if (c.hasNonNull("key")) {
                    d.put("publicKey", ProtoJson.encode(c.get("key").toString()));
                }
                ProtoJson.putString(d, "encryptedPrivateKey", ProtoJson.encode(c.path("encryptedKey").asText("")));
                break;
            case ACME:
                ProtoJson.putTrue(d, "forceCn", c.path("forceCN").asBoolean(false));
                ProtoJson.putTrue(d, "requireEab", c.path("requireEAB").asBoolean(false));
                ProtoJson.putStrings(d, "challenges", names(texts(c, "challenges"), CHALLENGES));
                ProtoJson.putStrings(d, "attestationFormats", names(texts(c, "attestationFormats"), FORMATS));
                putBlocks(d, "attestationRoots", c.path("attestationRoots").asText(""));
                ProtoJson.putString(d, "termsOfService", c.path("termsOfService").asText(""));
                ProtoJson.putString(d, "website", c.path("website").asText(""));
                ProtoJson.putStrings(d, "caaIdentities", texts(c, "caaIdentities"));
                break;
            case X5C:
                putBlocks(d, "roots", c.path("roots").asText(""));
                break;
            case K8SSA:
                putBlocks(d, "publicKeys", c.path("publicKeys").asText(""));
                break;
            case OIDC:
                ProtoJson.putString(d, "clientId", c.path("clientID").asText(""));
                ProtoJson.putString(d, "clientSecret", c.path("clientSecret").asText(""));
                ProtoJson.putString(d, "configurationEndpoint", c.path("configurationEndpoint").asText(""));
                ProtoJson.putStrings(d, "admins", texts(c, "admins"));
                ProtoJson.putStrings(d, "domains", texts(c, "domains"));
                ProtoJson.putStrings(d, "groups", texts(c, "groups"));
                ProtoJson.putString(d, "listenAddress", c.path("listenAddress").asText(""));
                ProtoJson.putString(d, "tenantId", c.path("tenantID").asText(""));
                break;
            default:
                throw new IllegalStateException("unhandled provisioner kind " + kind);
        }
        return d;
    }

    /** Enum values by name or number -> ca.json names; an unknown value is a 400 naming it. */
    private static List<String> enums(JsonNode d, String camel, String where, Map<String, String> names, String[] numbers) {
        List<String> out = new ArrayList<>();
        JsonNode a = ProtoJson.field(d, camel);
        if (a == null) {
            return out;
        }
        if (!a.isArray()) {
            throw new IllegalArgumentException(where + "." + camel + " must be an array");
        }
        for (JsonNode e : a) {
            String name = e.isInt() && e.intValue() >= 0 && e.intValue() < numbers.length ? numbers[e.intValue()]
                    : e.asText();
            String mapped = names.get(name);
            if (mapped == null) {
                throw new IllegalArgumentException(where + "." + camel + ": unknown value " + e + " (known: "
                        + String.join(", ", names.keySet()) + ")");
            }
            if (!out.contains(mapped)) {
                out.add(mapped);
            }
        }
        return out;
    }

    /** ca.json names -> enum names; names linkedca has no value for are left out, as step-ca does. */
    private static List<String> names(List<String> caJson, Map<String, String> names) {
        List<String> out = new ArrayList<>();
        for (String v : caJson) {
            names.forEach((proto, ca) -> {
                if (ca.equalsIgnoreCase(v)) {
                    out.add(proto);
                }
            });
        }
        return out;
    }

    private static List<String> texts(JsonNode c, String key) {
        List<String> out = new ArrayList<>();
        JsonNode a = c.get(key);
        if (a != null && a.isArray()) {
            a.forEach(e -> out.add(e.asText()));
        }
        return out;
    }

    /** The ca.json value (base64 of the bundle) of PEM blocks; empty when there are none. */
    static String joinPem(List<byte[]> blocks) {
        if (blocks.isEmpty()) {
            return "";
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] b : blocks) {
            if (all.size() > 0 && all.toByteArray()[all.size() - 1] != '\n') {
                all.write('\n');
            }
            all.writeBytes(b);
        }
        return ProtoJson.encode(all.toByteArray());
    }

    /** One base64 value per PEM block of a ca.json bundle value (base64 of PEM, or PEM). */
    private static void putBlocks(ObjectNode d, String name, String caJsonValue) {
        if (caJsonValue.isBlank()) {
            return;
        }
        String pem;
        try {
            pem = PemBundles.pemText(caJsonValue);
        } catch (IllegalArgumentException e) {
            return; // the registry refuses such a value at load, so it cannot be in force
        }
        List<String> blocks = new ArrayList<>();
        Matcher m = PEM_BLOCK.matcher(pem);
        while (m.find()) {
            String block = m.group();
            blocks.add(ProtoJson.encode((block.endsWith("\n") ? block : block + "\n").getBytes(StandardCharsets.UTF_8)));
        }
        ProtoJson.putStrings(d, name, blocks);
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
