package dev.stile.server.http.admin.linkedca;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * linkedca.Policy protojson ({@code {"x509":{"allow":{"dns","ips","emails","uris","commonNames"},
 * "deny":{..},"allowWildcardNames":false}}}) to and from the ca.json policy object step-ca reads
 * from {@code authority.policy} ({@code {"x509":{"allow":{"dns","ip","email","uri","cn"},...}}}).
 * Lists are de-duplicated as step-ca's {@code Policy.Deduplicate} does. SSH policies are refused:
 * Stile has no SSH CA, and storing rules nobody enforces would be a silent failure.
 */
public final class LinkedcaPolicies {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** protojson name -> ca.json name, in output order. */
    private static final String[][] NAMES = {
            {"dns", "dns"}, {"ips", "ip"}, {"emails", "email"}, {"uris", "uri"}, {"commonNames", "cn"}};

    private LinkedcaPolicies() {
    }

    /**
     * @throws IllegalArgumentException naming the member that is malformed or unsupported
     */
    public static ObjectNode toCaJson(JsonNode policy, String where) {
        if (policy == null || !policy.isObject()) {
            throw new IllegalArgumentException(where + " must be a linkedca.Policy JSON object");
        }
        JsonNode ssh = ProtoJson.message(policy, "ssh", where);
        if (ssh != null && ssh.size() > 0) {
            throw new IllegalArgumentException(where + ".ssh: SSH policies are not supported by Stile (it issues no SSH"
                    + " certificates); send only \"x509\"");
        }
        ObjectNode out = JSON.createObjectNode();
        JsonNode x509 = ProtoJson.message(policy, "x509", where);
        if (x509 == null) {
            return out;
        }
        String w = where + ".x509";
        ObjectNode x = out.putObject("x509");
        names(ProtoJson.message(x509, "allow", w), w + ".allow", x, "allow");
        names(ProtoJson.message(x509, "deny", w), w + ".deny", x, "deny");
        if (ProtoJson.bool(x509, "allowWildcardNames", w)) {
            x.put("allowWildcardNames", true);
        }
        return out;
    }

    private static void names(JsonNode in, String where, ObjectNode x509, String side) {
        if (in == null) {
            return;
        }
        ObjectNode out = JSON.createObjectNode();
        for (String[] n : NAMES) {
            ProtoJson.putStrings(out, n[1], dedup(ProtoJson.strings(in, n[0], where)));
        }
        if (out.size() > 0) {
            x509.set(side, out);
        }
    }

    /** The protojson form of a ca.json policy object (its {@code ssh} member, if any, is not shown). */
    public static ObjectNode toProtoJson(JsonNode caJsonPolicy) {
        ObjectNode out = JSON.createObjectNode();
        JsonNode x509 = caJsonPolicy == null ? null : caJsonPolicy.get("x509");
        if (x509 == null || !x509.isObject()) {
            return out;
        }
        ObjectNode x = out.putObject("x509");
        for (String side : new String[] {"allow", "deny"}) {
            JsonNode in = x509.get(side);
            if (in == null || !in.isObject()) {
                continue;
            }
            ObjectNode names = JSON.createObjectNode();
            for (String[] n : NAMES) {
                List<String> values = new ArrayList<>();
                JsonNode a = in.get(n[1]);
                if (a != null && a.isArray()) {
                    a.forEach(e -> values.add(e.asText()));
                }
                ProtoJson.putStrings(names, n[0], values);
            }
            if (names.size() > 0) {
                x.set(side, names);
            }
        }
        ProtoJson.putTrue(x, "allowWildcardNames", x509.path("allowWildcardNames").asBoolean(false));
        return out;
    }

    private static List<String> dedup(List<String> in) {
        return new ArrayList<>(new LinkedHashSet<>(in));
    }
}
