package dev.stile.server.http.admin.linkedca;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * step-ca's linkedca.Provisioner protojson (what {@code step ca provisioner add/update} send and
 * read, step-ca-api.md 7.4) to and from the provisioner objects of ca.json (section 4), for the
 * types Stile runs: JWK, ACME, X5C, K8sSA and OIDC.
 *
 * <p>IDs: step-ca gives every provisioner a random UUID kept in its database. Stile keeps
 * provisioners in ca.json only, so the ID is derived: a name-based (version 3) UUID of the
 * provisioner's name ({@link #idOf}). It is the same on every replica and after restarts, and
 * changes only when the provisioner is renamed. {@code authorityId} is always {@value #AUTHORITY_ID}.
 * {@code createdAt}/{@code deletedAt} are not kept.
 *
 * <p>Not mapped: SSH claims and templates (Stile has no SSH CA; SSH claims are ignored, a non-empty
 * SSH template is refused), webhooks (refused), ACME attestation settings are carried over as ca.json
 * keys. ca.json keys protojson cannot express (ACME {@code profiles}, {@code options.x509.templateFile},
 * OIDC {@code scopes}) are kept when an existing provisioner is replaced ({@link #toCaJson(JsonNode, ObjectNode)}).
 */
public final class LinkedcaProvisioners {

    /** The {@code authorityId} of every object Stile's admin API returns. */
    public static final String AUTHORITY_ID = "stile";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> OTHER_STEP_TYPES = Set.of("GCP", "AWS", "AZURE", "SSHPOP", "SCEP", "NEBULA");

    private LinkedcaProvisioners() {
    }

    /** The linkedca {@code id} of the provisioner called {@code name}. */
    public static String idOf(String name) {
        return UUID.nameUUIDFromBytes(("stile provisioner " + name).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** True when a request body is linkedca protojson rather than a ca.json provisioner: it has {@code details}. */
    public static boolean isProtoJson(JsonNode body) {
        return body != null && body.isObject() && body.has("details");
    }

    /** The protojson {@code type} enum name of a ca.json type ({@code K8sSA} -> {@code K8SSA}). */
    public static String protoType(String caJsonType) {
        return caJsonType.toUpperCase(Locale.ROOT);
    }

    /** A new ca.json provisioner from protojson. */
    public static ObjectNode toCaJson(JsonNode proto) {
        return toCaJson(proto, null);
    }

    /**
     * The ca.json provisioner described by {@code proto}. With {@code existing}, keys protojson
     * cannot express are taken over from it; every key protojson governs is replaced.
     *
     * @throws IllegalArgumentException (400) naming the member that is missing, malformed or unsupported
     */
    public static ObjectNode toCaJson(JsonNode proto, ObjectNode existing) {
        if (proto == null || !proto.isObject()) {
            throw new IllegalArgumentException("the body must be a linkedca.Provisioner JSON object");
        }
        ProvisionerKind kind = kindOf(proto);
        JsonNode details = ProtoJson.message(proto, "details", "provisioner");
        JsonNode own = details == null ? null : ProtoJson.message(details, kind.detailsKey, "details");
        if (details != null && details.size() > 0 && own == null) {
            throw new IllegalArgumentException("details must contain \"" + kind.detailsKey + "\" for a provisioner of type "
                    + kind.protoType + ", not " + details.fieldNames().next());
        }
        String name = ProtoJson.string(proto, "name", "provisioner").trim();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("\"name\" is missing");
        }
        JsonNode webhooks = ProtoJson.field(proto, "webhooks");
        if (webhooks != null && webhooks.size() > 0) {
            throw new IllegalArgumentException("webhooks are not supported by Stile; remove \"webhooks\"");
        }
        ObjectNode out = existing == null ? JSON.createObjectNode() : kept(existing, kind);
        out.put("type", kind.caJsonType);
        out.put("name", name);
        ProvisionerDetails.toCaJson(kind, own == null ? JSON.createObjectNode() : own, out);
        ObjectNode claims = LinkedcaClaims.toCaJson(ProtoJson.message(proto, "claims", "provisioner"));
        if (claims.size() > 0) {
            out.set("claims", claims);
        }
        template(proto, out);
        JsonNode policy = ProtoJson.message(proto, "policy", "provisioner");
        if (policy != null) {
            out.set("policy", LinkedcaPolicies.toCaJson(policy, "policy"));
        }
        return out;
    }

    /** The protojson form of a ca.json provisioner (as stored, e.g. {@code Provisioner.json()}). */
    public static ObjectNode toProtoJson(JsonNode caJson) {
        String type = caJson.path("type").asText("");
        String name = caJson.path("name").asText("");
        ObjectNode out = JSON.createObjectNode();
        out.put("id", idOf(name));
        out.put("authorityId", AUTHORITY_ID);
        ProvisionerKind kind = ProvisionerKind.byProtoType(protoType(type));
        out.put("type", kind == null ? protoType(type) : kind.protoType);
        out.put("name", name);
        ObjectNode details = out.putObject("details");
        if (kind != null) {
            details.set(kind.detailsKey, ProvisionerDetails.toProtoJson(kind, caJson));
        }
        JsonNode claims = caJson.get("claims");
        if (claims != null && claims.isObject()) {
            out.set("claims", LinkedcaClaims.toProtoJson(claims));
        }
        JsonNode x509 = caJson.path("options").path("x509");
        ObjectNode template = JSON.createObjectNode();
        if (x509.hasNonNull("template")) {
            template.put("template", ProtoJson.encode(x509.get("template").asText()));
        }
        if (x509.hasNonNull("templateData")) {
            template.put("data", ProtoJson.encode(x509.get("templateData").toString()));
        }
        if (template.size() > 0) {
            out.set("x509Template", template);
        }
        JsonNode policy = caJson.get("policy");
        if (policy != null && policy.isObject()) {
            out.set("policy", LinkedcaPolicies.toProtoJson(policy));
        }
        return out;
    }

    private static ProvisionerKind kindOf(JsonNode proto) {
        JsonNode t = ProtoJson.field(proto, "type");
        String type;
        if (t == null) {
            // protojson omits the zero value: take the type from the one details member.
            JsonNode details = ProtoJson.field(proto, "details");
            if (details == null || details.size() != 1) {
                throw new IllegalArgumentException("\"type\" is missing");
            }
            type = details.fieldNames().next().toUpperCase(Locale.ROOT);
        } else if (t.isInt()) {
            type = ProvisionerKind.nameOfNumber(t.intValue());
        } else {
            type = t.asText().toUpperCase(Locale.ROOT);
        }
        ProvisionerKind kind = ProvisionerKind.byProtoType(type);
        if (kind != null) {
            return kind;
        }
        if (OTHER_STEP_TYPES.contains(type)) {
            throw new IllegalArgumentException("provisioner type " + type + " is not supported by Stile"
                    + " (supported: JWK, ACME, X5C, K8SSA, OIDC)");
        }
        throw new IllegalArgumentException("unknown provisioner type \"" + (t == null ? type : t.asText()) + "\"");
    }

    /** options.x509.template/templateData from x509Template; a non-empty sshTemplate is refused. */
    private static void template(JsonNode proto, ObjectNode out) {
        JsonNode ssh = ProtoJson.message(proto, "sshTemplate", "provisioner");
        if (ssh != null && (ProtoJson.bytes(ssh, "template", "sshTemplate").length > 0
                || ProtoJson.bytes(ssh, "data", "sshTemplate").length > 0)) {
            throw new IllegalArgumentException("sshTemplate: SSH templates are not supported by Stile (it issues no SSH"
                    + " certificates)");
        }
        JsonNode t = ProtoJson.message(proto, "x509Template", "provisioner");
        byte[] template = t == null ? new byte[0] : ProtoJson.bytes(t, "template", "x509Template");
        byte[] data = t == null ? new byte[0] : ProtoJson.bytes(t, "data", "x509Template");
        if (template.length == 0 && data.length == 0) {
            return;
        }
        ObjectNode options = out.has("options") && out.get("options").isObject() ? (ObjectNode) out.get("options")
                : out.putObject("options");
        ObjectNode x509 = options.has("x509") && options.get("x509").isObject() ? (ObjectNode) options.get("x509")
                : options.putObject("x509");
        if (template.length > 0) {
            x509.put("template", ProtoJson.utf8(template));
        }
        if (data.length > 0) {
            try {
                x509.set("templateData", JSON.readTree(data));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("x509Template.data is not JSON (it must be base64 of a JSON object)");
            }
        }
    }

    /** A copy of {@code existing} without the keys protojson governs for {@code kind}. */
    private static ObjectNode kept(ObjectNode existing, ProvisionerKind kind) {
        ObjectNode copy = existing.deepCopy();
        for (String k : List.of("type", "name", "claims", "policy")) {
            copy.remove(k);
        }
        kind.caJsonKeys.forEach(copy::remove);
        JsonNode x509 = copy.path("options").path("x509");
        if (x509.isObject()) {
            ((ObjectNode) x509).remove(List.of("template", "templateData"));
        }
        return copy;
    }
}
