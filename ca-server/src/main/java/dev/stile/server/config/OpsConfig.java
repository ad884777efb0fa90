package dev.stile.server.config;

/**
 * Stile's own top-level {@code ops} block: the plain-HTTP operations listener (metrics, probes).
 *
 * @param address where it listens, or null when it is off (the default)
 */
public record OpsConfig(HostPort address) {

    public static OpsConfig defaults() {
        return new OpsConfig(null);
    }
}
