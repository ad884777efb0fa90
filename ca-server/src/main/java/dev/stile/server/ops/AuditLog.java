package dev.stile.server.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line on logger {@code audit} for every issuance, revocation and admin change. The fields
 * are in the message ({@code key=value}) for text logs and also in the MDC, so that
 * {@code logger.format: "json"} turns each into its own JSON field.
 */
public final class AuditLog {

    private static final Logger AUDIT = LoggerFactory.getLogger("audit");

    /** Logs {@code event} with the fields in the given order (key, value, key, value, ...). */
    public void record(String event, String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("audit fields come in key/value pairs");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("event", event);
        for (int i = 0; i < keyValues.length; i += 2) {
            fields.put(keyValues[i], keyValues[i + 1] == null ? "" : keyValues[i + 1]);
        }
        List<MDC.MDCCloseable> put = new ArrayList<>();
        try {
            StringBuilder text = new StringBuilder(event);
            for (Map.Entry<String, String> f : fields.entrySet()) {
                if (!f.getKey().equals("event")) {
                    text.append(' ').append(f.getKey()).append('=').append(quoted(f.getValue()));
                }
                put.add(MDC.putCloseable(f.getKey(), f.getValue()));
            }
            AUDIT.info(text.toString());
        } finally {
            put.forEach(MDC.MDCCloseable::close);
        }
    }

    private static String quoted(String v) {
        return v.isEmpty() || v.contains(" ") || v.contains("\"") ? "\"" + v.replace("\"", "\\\"") + "\"" : v;
    }
}
