package dev.stile.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.time.Duration;
import java.util.List;

/**
 * Stile's own top-level {@code validation} block: how ACME challenges reach their targets.
 * The known keys are typed here; {@link #raw()} keeps the whole block so that the validation
 * code can read keys it adds later.
 *
 * @param httpPort    port http-01 connects to (default 80)
 * @param tlsPort     port tls-alpn-01 connects to (default 443)
 * @param resolvers   DNS servers as host:port; empty = the system's resolvers
 * @param zones       per-zone settings object, or null
 * @param retryWindow how long a failing challenge is retried before the authorization is invalid (default 90s)
 * @param route53     Route 53 settings object, or null
 * @param caa         CAA checking settings object, or null
 * @param raw         the whole block as written ({@code {}} when absent)
 */
public record ValidationConfig(
        int httpPort,
        int tlsPort,
        List<HostPort> resolvers,
        JsonNode zones,
        Duration retryWindow,
        JsonNode route53,
        JsonNode caa,
        JsonNode raw) {

    public static final Duration DEFAULT_RETRY_WINDOW = Duration.ofSeconds(90);

    public ValidationConfig {
        resolvers = List.copyOf(resolvers);
    }

    public static ValidationConfig defaults() {
        return new ValidationConfig(80, 443, List.of(), null, DEFAULT_RETRY_WINDOW, null, null,
                JsonNodeFactory.instance.objectNode());
    }

    /** The same settings with other resolvers ({@code stile serve --resolver}). */
    public ValidationConfig withResolvers(List<HostPort> newResolvers) {
        return new ValidationConfig(httpPort, tlsPort, newResolvers, zones, retryWindow, route53, caa, raw);
    }
}
