package dev.stile.server.http.admin;

import dev.stile.admin.AdminRecord;
import dev.stile.server.http.admin.linkedca.LinkedcaProvisioners;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * step-ca's two encodings of linkedca.Admin (step-ca-api.md 7.4): protojson for single objects
 * (camelCase, enum names, RFC 3339) and plain Go JSON in lists (snake_case, enum numbers,
 * {seconds, nanos} timestamps) because that is what the step CLI decodes. Both carry the
 * provisioner's linkedca id (not its name) as step-ca does.
 */
final class AdminJson {

    static final String AUTHORITY_ID = "stile";

    private AdminJson() {
    }

    static Map<String, Object> proto(AdminRecord a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("authorityId", AUTHORITY_ID);
        m.put("subject", a.subject());
        // The provisioner's linkedca id, which GET /admin/provisioners?id= resolves: step looks the
        // admin's provisioner up by it after every admin command.
        m.put("provisionerId", LinkedcaProvisioners.idOf(a.provisioner()));
        m.put("type", a.type().name());
        m.put("createdAt", a.createdAt().toString());
        return m;
    }

    static Map<String, Object> go(AdminRecord a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("authority_id", AUTHORITY_ID);
        m.put("subject", a.subject());
        m.put("provisioner_id", LinkedcaProvisioners.idOf(a.provisioner()));
        // Not in linkedca; Go's JSON decoding ignores it, and the console and stile admin show it.
        m.put("provisioner_name", a.provisioner());
        m.put("type", a.type().number());
        m.put("created_at", timestamp(a.createdAt()));
        return m;
    }

    private static Map<String, Object> timestamp(Instant t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seconds", t.getEpochSecond());
        if (t.getNano() != 0) {
            m.put("nanos", t.getNano());
        }
        return m;
    }
}
