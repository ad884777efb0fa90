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

    /**
     * Where relying parties fetch the CRL: {@code idpURL} when set, else the HTTPS listener's
     * {@code /1.0/crl} on the first DNS name (with the port unless 443). The same URL goes into
     * leaf certificates (CRL distribution point) and into the CRL (issuing distribution point),
     * because a client that checks the CRL requires the two to match (RFC 5280 §6.3.3 (b)(2)).
     */
    public String distributionPoint(java.util.List<String> dnsNames, int port) {
        if (idpUrl != null && !idpUrl.isBlank()) {
            return idpUrl;
        }
        String host = dnsNames.isEmpty() ? "localhost" : dnsNames.get(0);
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "https://" + host + (port == 443 || port <= 0 ? "" : ":" + port) + "/1.0/crl";
    }
}
