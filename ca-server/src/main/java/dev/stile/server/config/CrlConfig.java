package dev.stile.server.config;

import java.time.Duration;

/**
 * ca.json {@code crl}.
 *
 * @param enabled          serve {@code GET /crl}
 * @param generateOnRevoke regenerate the CRL on every revocation
 * @param cacheDuration    CRL validity, default 24h
 * @param renewPeriod      regenerate this often, or null for step's default (2/3 of cacheDuration)
 * @param idpUrl           issuing distribution point URL, or empty
 */
public record CrlConfig(boolean enabled, boolean generateOnRevoke, Duration cacheDuration, Duration renewPeriod,
                        String idpUrl) {

    public static CrlConfig defaults() {
        return new CrlConfig(false, false, Duration.ofHours(24), null, "");
    }
}
