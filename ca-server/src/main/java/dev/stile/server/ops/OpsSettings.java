package dev.stile.server.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.admin.retention.RetentionPolicy;
import dev.stile.core.GoDuration;
import dev.stile.server.config.CaConfig;
import dev.stile.server.config.ConfigException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;

/**
 * Stile's own operations keys of ca.json that the core loader leaves to this area:
 * the {@code retention} block and {@code ops.renewalWindow}.
 *
 * <pre>
 * "ops": {"address": "127.0.0.1:9100", "renewalWindow": "8h"},
 * "retention": {"orders": "720h", "nonces": "1h", "tokens": "1h", "certificates": "2160h",
 *               "validationFailures": "168h", "batchSize": 1000, "interval": "10m", "enabled": true}
 * </pre>
 *
 * @param retention      what retention deletes and how
 * @param retentionOn    false turns the schedule off ({@code stile db gc} still works)
 * @param renewalWindow  a name is in a renewal gap when its newest certificate expires within this
 */
public record OpsSettings(RetentionPolicy retention, boolean retentionOn, Duration renewalWindow) {

    public static final Duration DEFAULT_RENEWAL_WINDOW = Duration.ofHours(8);
    private static final Set<String> RETENTION_KEYS = Set.of("orders", "nonces", "tokens", "certificates",
            "validationFailures", "batchSize", "interval", "enabled");

    public static OpsSettings defaults() {
        return new OpsSettings(RetentionPolicy.defaults(), true, DEFAULT_RENEWAL_WINDOW);
    }

    /** Reads the keys from the whole file; errors name the file and the dotted key. */
    public static OpsSettings from(CaConfig config) {
        return from(config.file(), config.json());
    }

    static OpsSettings from(Path file, JsonNode root) {
        OpsSettings d = defaults();
        Duration window = d.renewalWindow();
        JsonNode ops = root == null ? null : root.get("ops");
        if (ops != null && ops.isObject() && ops.hasNonNull("renewalWindow")) {
            window = duration(file, "ops.renewalWindow", ops.get("renewalWindow"));
        }
        JsonNode r = root == null ? null : root.get("retention");
        if (r == null || r.isNull()) {
            return new OpsSettings(d.retention(), true, window);
        }
        if (!r.isObject()) {
            throw new ConfigException(file, "retention", "must be an object");
        }
        for (Iterator<String> it = r.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!RETENTION_KEYS.contains(key)) {
                throw new ConfigException(file, "retention." + key, "unknown key; known: " + RETENTION_KEYS);
            }
        }
        RetentionPolicy p = d.retention();
        int batch = p.batchSize();
        if (r.has("batchSize")) {
            if (!r.get("batchSize").canConvertToInt() || r.get("batchSize").asInt() < 1 || r.get("batchSize").asInt() > 100_000) {
                throw new ConfigException(file, "retention.batchSize", "must be a number from 1 to 100000");
            }
            batch = r.get("batchSize").asInt();
        }
        boolean on = !r.has("enabled") || r.get("enabled").asBoolean(true);
        Duration interval = or(file, r, "interval", p.interval());
        if (interval.isZero()) {
            throw new ConfigException(file, "retention.interval", "must be positive, e.g. \"10m\"");
        }
        RetentionPolicy policy = new RetentionPolicy(or(file, r, "orders", p.orders()), or(file, r, "nonces", p.nonces()),
                or(file, r, "tokens", p.tokens()), or(file, r, "certificates", p.certificates()),
                or(file, r, "validationFailures", p.validationFailures()), batch, interval);
        return new OpsSettings(policy, on, window);
    }

    private static Duration or(Path file, JsonNode block, String key, Duration fallback) {
        return block.hasNonNull(key) ? duration(file, "retention." + key, block.get(key)) : fallback;
    }

    private static Duration duration(Path file, String key, JsonNode v) {
        if (!v.isTextual()) {
            throw new ConfigException(file, key, "must be a duration such as \"720h\" or \"10m\"");
        }
        try {
            Duration d = GoDuration.parse(v.asText());
            if (d.isNegative()) {
                throw new ConfigException(file, key, "must not be negative");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file, key, "\"" + v.asText() + "\" is not a duration such as \"720h\" or \"10m\"");
        }
    }
}
