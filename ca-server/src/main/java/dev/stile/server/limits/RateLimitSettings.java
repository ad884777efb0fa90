package dev.stile.server.limits;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.db.limits.RateLimit;
import dev.stile.core.GoDuration;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The limits of one ACME provisioner: ca.json's top-level {@code rateLimits} block, optionally
 * overridden key by key by a {@code rateLimits} block inside an ACME provisioner. Defaults are
 * generous for a homelab (a client renewing a 24 h certificate every hour uses 1 order and 1
 * certificate per name per hour) but bounded, so one client cannot fill the database or drive the
 * validator at full rate. docs/configuration.md lists the keys.
 *
 * @param enabled                      false turns every limit of this scope off
 * @param newAccountsPerAddress        accounts created per client address (IPv6: per /64)
 * @param newOrdersPerAccount          new-order requests per account
 * @param pendingAuthorizationsPerAccount unexpired pending authorizations an account may hold
 * @param failedValidationsPerAccountAndIdentifier failed challenges per account and name;
 *                                     a challenge for that name is refused once they are used up
 * @param certificatesPerIdentifier    certificates issued per name (any account)
 */
public record RateLimitSettings(
        boolean enabled,
        RateLimit newAccountsPerAddress,
        RateLimit newOrdersPerAccount,
        long pendingAuthorizationsPerAccount,
        RateLimit failedValidationsPerAccountAndIdentifier,
        RateLimit certificatesPerIdentifier) {

    public static final String NEW_ACCOUNTS = "newAccountsPerAddress";
    public static final String NEW_ORDERS = "newOrdersPerAccount";
    public static final String PENDING_AUTHZ = "pendingAuthorizationsPerAccount";
    public static final String FAILED_VALIDATIONS = "failedValidationsPerAccountAndIdentifier";
    public static final String CERTIFICATES = "certificatesPerIdentifier";
    private static final Set<String> KEYS = Set.of("enabled", NEW_ACCOUNTS, NEW_ORDERS, PENDING_AUTHZ,
            FAILED_VALIDATIONS, CERTIFICATES, "trustedProxies");

    public static RateLimitSettings defaults() {
        return new RateLimitSettings(true,
                new RateLimit(NEW_ACCOUNTS, 50, Duration.ofHours(1)),
                new RateLimit(NEW_ORDERS, 300, Duration.ofHours(1)),
                1000,
                new RateLimit(FAILED_VALIDATIONS, 60, Duration.ofHours(1)),
                new RateLimit(CERTIFICATES, 100, Duration.ofHours(24)));
    }

    /**
     * These settings with the keys present in {@code block} replaced.
     *
     * @param where the block's place in ca.json for error messages, e.g. {@code rateLimits}
     * @throws IllegalArgumentException naming the key when a value is wrong
     */
    public RateLimitSettings overriddenBy(JsonNode block, String where) {
        if (block == null || block.isNull()) {
            return this;
        }
        if (!block.isObject()) {
            throw new IllegalArgumentException(where + ": must be an object, got " + block);
        }
        for (Iterator<String> names = block.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new IllegalArgumentException(where + "." + name + ": unknown key; known keys are "
                        + List.of("enabled", NEW_ACCOUNTS, NEW_ORDERS, PENDING_AUTHZ, FAILED_VALIDATIONS,
                        CERTIFICATES, "trustedProxies"));
            }
        }
        JsonNode on = block.get("enabled");
        if (on != null && !on.isBoolean()) {
            throw new IllegalArgumentException(where + ".enabled: must be true or false, got " + on);
        }
        JsonNode cap = block.get(PENDING_AUTHZ);
        if (cap != null && (!cap.canConvertToLong() || !cap.isIntegralNumber() || cap.asLong() < 1)) {
            throw new IllegalArgumentException(where + "." + PENDING_AUTHZ + ": must be a whole number of at least 1, got "
                    + cap);
        }
        return new RateLimitSettings(on == null ? enabled : on.asBoolean(),
                limit(block, where, newAccountsPerAddress),
                limit(block, where, newOrdersPerAccount),
                cap == null ? pendingAuthorizationsPerAccount : cap.asLong(),
                limit(block, where, failedValidationsPerAccountAndIdentifier),
                limit(block, where, certificatesPerIdentifier));
    }

    private static RateLimit limit(JsonNode block, String where, RateLimit current) {
        JsonNode n = block.get(current.name());
        if (n == null || n.isNull()) {
            return current;
        }
        String path = where + "." + current.name();
        if (!n.isObject()) {
            throw new IllegalArgumentException(path + ": must be an object such as {\"count\": 10, \"period\": \"1h\"}, got "
                    + n);
        }
        long count = current.count();
        JsonNode c = n.get("count");
        if (c != null) {
            if (!c.isIntegralNumber() || !c.canConvertToLong() || c.asLong() < 1) {
                throw new IllegalArgumentException(path + ".count: must be a whole number of at least 1, got " + c);
            }
            count = c.asLong();
        }
        Duration period = current.period();
        JsonNode p = n.get("period");
        if (p != null) {
            Duration parsed;
            try {
                parsed = p.isTextual() ? GoDuration.parse(p.asText()) : null;
            } catch (IllegalArgumentException e) {
                parsed = null;
            }
            if (parsed == null || parsed.compareTo(Duration.ofSeconds(1)) < 0 || parsed.compareTo(Duration.ofDays(366)) > 0) {
                throw new IllegalArgumentException(path + ".period: must be a duration between \"1s\" and \"8784h\" such as \"1h\", got "
                        + p);
            }
            period = parsed;
        }
        for (Iterator<String> names = n.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("count") && !name.equals("period")) {
                throw new IllegalArgumentException(path + "." + name + ": unknown key; known keys are count and period");
            }
        }
        return new RateLimit(current.name(), count, period);
    }
}
