package dev.stile.server.limits;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ca.json's rate limits: the top-level {@code rateLimits} block (with {@code trustedProxies}) and
 * the {@code rateLimits} blocks of ACME provisioners listed in ca.json, read once at start.
 */
public final class RateLimitConfig {

    private final RateLimitSettings global;
    private final Map<String, RateLimitSettings> perProvisioner;
    private final ClientAddresses clients;

    private RateLimitConfig(RateLimitSettings global, Map<String, RateLimitSettings> perProvisioner,
                            ClientAddresses clients) {
        this.global = global;
        this.perProvisioner = Map.copyOf(perProvisioner);
        this.clients = clients;
    }

    /**
     * @param caJson the whole ca.json ({@code CaConfig.json()}), or null for the defaults
     * @throws IllegalArgumentException naming the key when a value is wrong
     */
    public static RateLimitConfig from(JsonNode caJson) {
        JsonNode block = caJson == null ? null : caJson.get("rateLimits");
        RateLimitSettings global = RateLimitSettings.defaults().overriddenBy(block, "rateLimits");
        List<String> proxies = new ArrayList<>();
        JsonNode trusted = block == null ? null : block.get("trustedProxies");
        if (trusted != null && !trusted.isNull()) {
            if (!trusted.isArray()) {
                throw new IllegalArgumentException("rateLimits.trustedProxies: must be an array of CIDR strings, got " + trusted);
            }
            trusted.forEach(n -> proxies.add(n.isTextual() ? n.asText() : n.toString()));
        }
        Map<String, RateLimitSettings> own = new HashMap<>();
        JsonNode provisioners = caJson == null ? null : caJson.path("authority").get("provisioners");
        if (provisioners != null && provisioners.isArray()) {
            for (JsonNode p : provisioners) {
                JsonNode overrides = p.get("rateLimits");
                if (overrides != null && "ACME".equalsIgnoreCase(p.path("type").asText()) && p.hasNonNull("name")) {
                    String where = "authority.provisioners[" + p.get("name").asText() + "].rateLimits";
                    if (overrides.has("trustedProxies")) {
                        throw new IllegalArgumentException(where + ".trustedProxies: set trustedProxies in the top-level rateLimits block");
                    }
                    own.put(p.get("name").asText(), global.overriddenBy(overrides, where));
                }
            }
        }
        return new RateLimitConfig(global, own, ClientAddresses.trusting(proxies, "rateLimits.trustedProxies"));
    }

    /** The limits that apply to requests to this ACME provisioner. */
    public RateLimitSettings forProvisioner(String name) {
        return perProvisioner.getOrDefault(name, global);
    }

    public ClientAddresses clients() {
        return clients;
    }
}
