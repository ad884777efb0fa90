package dev.stile.server.http.admin.linkedca;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * linkedca.Claims to and from ca.json {@code claims}: {@code x509.durations.default/min/max} are
 * {@code defaultTLSCertDuration/minTLSCertDuration/maxTLSCertDuration}; the three booleans keep their
 * names. As in step-ca, {@code x509.enabled} is not stored (x509 cannot be switched off) and is
 * shown as true when durations are set; {@code ssh} is ignored (Stile has no SSH CA; the step CLI
 * sends {@code ssh.enabled:true} by default). Durations are checked when the registry loads them.
 */
final class LinkedcaClaims {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[][] DURATIONS = {
            {"default", "defaultTLSCertDuration"}, {"min", "minTLSCertDuration"}, {"max", "maxTLSCertDuration"}};
    private static final String[] FLAGS = {"disableRenewal", "allowRenewalAfterExpiry", "disableSmallstepExtensions"};

    private LinkedcaClaims() {
    }

    static ObjectNode toCaJson(JsonNode claims) {
        ObjectNode out = JSON.createObjectNode();
        if (claims == null) {
            return out;
        }
        JsonNode x509 = ProtoJson.message(claims, "x509", "claims");
        JsonNode durations = x509 == null ? null : ProtoJson.message(x509, "durations", "claims.x509");
        for (String[] d : DURATIONS) {
            ProtoJson.putString(out, d[1], ProtoJson.string(durations, d[0], "claims.x509.durations").trim());
        }
        for (String f : FLAGS) {
            ProtoJson.putTrue(out, f, ProtoJson.bool(claims, f, "claims"));
        }
        return out;
    }

    static ObjectNode toProtoJson(JsonNode claims) {
        ObjectNode out = JSON.createObjectNode();
        ObjectNode durations = JSON.createObjectNode();
        for (String[] d : DURATIONS) {
            ProtoJson.putString(durations, d[0], claims.path(d[1]).asText(""));
        }
        if (durations.size() > 0) {
            ObjectNode x509 = out.putObject("x509");
            x509.put("enabled", true);
            x509.set("durations", durations);
        }
        for (String f : FLAGS) {
            ProtoJson.putTrue(out, f, claims.path(f).asBoolean(false));
        }
        return out;
    }
}
