package dev.stile.step;

import java.time.Duration;

/**
 * What the CRL needs of ca.json's {@code crl} block, built by the server from its configuration so
 * this module does not read configuration files.
 *
 * @param enabled          serve {@code GET /crl}
 * @param generateOnRevoke regenerate the CRL on every revocation
 * @param cacheDuration    CRL validity
 * @param renewPeriod      regenerate this often, or null for step's default (2/3 of cacheDuration)
 */
public record CrlSettings(boolean enabled, boolean generateOnRevoke, Duration cacheDuration, Duration renewPeriod) {
}
