package dev.stile.provisioners.claims;

import dev.stile.core.GoDuration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.provisioners.ProvisionerConfigException;

import java.time.Duration;

/**
 * The resolved claims of one provisioner (step-ca {@code claims}, reference section 4.3): each value
 * comes from the provisioner, else from {@code authority.claims}, else the built-in default.
 *
 * @param minTlsDuration             shortest certificate a request may ask for
 * @param maxTlsDuration             longest certificate a request may ask for
 * @param defaultTlsDuration         lifetime when the request names none
 * @param disableRenewal             refuse {@code /renew} and {@code /rekey} for this provisioner's certificates
 * @param allowRenewalAfterExpiry    allow renewing an expired certificate (token renewal)
 * @param disableSmallstepExtensions omit the provisioner OID extension from issued certificates
 */
public record Claims(
        Duration minTlsDuration,
        Duration maxTlsDuration,
        Duration defaultTlsDuration,
        boolean disableRenewal,
        boolean allowRenewalAfterExpiry,
        boolean disableSmallstepExtensions) {

    /** step-ca's built-in defaults. */
    public static final Claims BUILT_IN = new Claims(
            Duration.ofMinutes(5), Duration.ofHours(24), Duration.ofHours(24), false, false, false);

    /**
     * Resolves the claims of the authority ({@code authority.claims} over the built-ins).
     *
     * @param authorityClaims the raw {@code authority.claims} object, may be null or missing
     * @throws ProvisionerConfigException naming {@code authority.claims} and the bad key
     */
    public static Claims forAuthority(JsonNode authorityClaims) {
        return merge(authorityClaims, BUILT_IN, "authority.claims");
    }

    /**
     * Resolves one provisioner's claims over the (already resolved) authority claims.
     *
     * @param where the JSON location for error messages, e.g. {@code authority.provisioners[0].claims}
     */
    public static Claims merge(JsonNode claims, Claims parent, String where) {
        if (claims == null || claims.isNull() || claims.isMissingNode()) {
            return parent;
        }
        if (!claims.isObject()) {
            throw new ProvisionerConfigException(where + " must be a JSON object");
        }
        Claims c = new Claims(
                duration(claims, "minTLSCertDuration", parent.minTlsDuration, where),
                duration(claims, "maxTLSCertDuration", parent.maxTlsDuration, where),
                duration(claims, "defaultTLSCertDuration", parent.defaultTlsDuration, where),
                bool(claims, "disableRenewal", parent.disableRenewal, where),
                bool(claims, "allowRenewalAfterExpiry", parent.allowRenewalAfterExpiry, where),
                bool(claims, "disableSmallstepExtensions", parent.disableSmallstepExtensions, where));
        c.validate(where);
        return c;
    }

    private void validate(String where) {
        if (!isPositive(minTlsDuration) || !isPositive(maxTlsDuration) || !isPositive(defaultTlsDuration)) {
            throw new ProvisionerConfigException(where + ": TLS certificate durations must be greater than zero (min "
                    + GoDuration.format(minTlsDuration) + ", default " + GoDuration.format(defaultTlsDuration)
                    + ", max " + GoDuration.format(maxTlsDuration) + ")");
        }
        if (minTlsDuration.compareTo(defaultTlsDuration) > 0 || defaultTlsDuration.compareTo(maxTlsDuration) > 0) {
            throw new ProvisionerConfigException(where + ": TLS certificate durations must satisfy"
                    + " minTLSCertDuration <= defaultTLSCertDuration <= maxTLSCertDuration, but they are "
                    + GoDuration.format(minTlsDuration) + " / " + GoDuration.format(defaultTlsDuration)
                    + " / " + GoDuration.format(maxTlsDuration) + " (after merging with the authority's claims)");
        }
    }

    private static boolean isPositive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }

    private static Duration duration(JsonNode claims, String key, Duration fallback, String where) {
        JsonNode v = claims.get(key);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isEmpty())) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw new ProvisionerConfigException(where + "." + key + " must be a duration string such as \"24h\", not " + v);
        }
        try {
            return GoDuration.parse(v.asText());
        } catch (IllegalArgumentException e) {
            throw new ProvisionerConfigException(where + "." + key + ": " + e.getMessage());
        }
    }

    private static boolean bool(JsonNode claims, String key, boolean fallback, String where) {
        JsonNode v = claims.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw new ProvisionerConfigException(where + "." + key + " must be true or false, not " + v);
        }
        return v.booleanValue();
    }
}
