package dev.stile.acme.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.acme.validation.dns.DnsServer;
import dev.stile.acme.validation.dns.SystemResolvers;
import dev.stile.acme.validation.egress.EgressPolicy;
import dev.stile.core.GoDuration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code validation} block of ca.json: where and how challenges are checked.
 *
 * @param httpPort      port dialled for HTTP-01 and for {@code http://} redirect hops (default 80)
 * @param tlsPort       port dialled for TLS-ALPN-01 and for {@code https://} redirect hops (default 443)
 * @param resolvers     DNS servers tried in order (failover); default: the system's ({@link SystemResolvers})
 * @param zones         per-zone forwarders, e.g. {@code home.example.net -> [192.168.1.1:53]};
 *                      the longest matching suffix wins
 * @param queryTimeout  how long one DNS query (UDP or TCP) may take (default 2s)
 * @param tries         attempts per DNS server before failing over to the next (default 3)
 * @param retryWindow   how long transient failures are retried before a challenge becomes invalid (default 90s)
 * @param authoritative also ask the zone's authoritative servers directly for DNS-01 TXT records (default false)
 * @param route53       read DNS-01 TXT records from the Route53 API for these zones, or {@code null}
 * @param caa           CAA checking, or {@code null} when off
 * @param egress        which addresses validators may connect to ({@code allowNetworks}, {@code denyNetworks})
 */
public record ValidationSettings(
        int httpPort,
        int tlsPort,
        List<DnsServer> resolvers,
        Map<String, List<DnsServer>> zones,
        Duration queryTimeout,
        int tries,
        Duration retryWindow,
        boolean authoritative,
        Route53Settings route53,
        CaaSettings caa,
        EgressPolicy egress) {

    public static final int DEFAULT_HTTP_PORT = 80;
    public static final int DEFAULT_TLS_PORT = 443;
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_TRIES = 3;
    public static final Duration DEFAULT_RETRY_WINDOW = Duration.ofSeconds(90);

    private static final Set<String> KEYS = Set.of("httpPort", "tlsPort", "resolvers", "zones", "queryTimeout",
            "tries", "retryWindow", "authoritative", "route53", "caa", EgressPolicy.ALLOW_KEY, EgressPolicy.DENY_KEY);

    public ValidationSettings {
        resolvers = List.copyOf(resolvers);
        if (resolvers.isEmpty()) {
            throw new IllegalArgumentException("validation.resolvers: at least one DNS server is needed");
        }
        Map<String, List<DnsServer>> copy = new LinkedHashMap<>();
        zones.forEach((zone, servers) -> copy.put(normalizeZone(zone), List.copyOf(servers)));
        zones = Map.copyOf(copy);
    }

    /**
     * Route53 access for DNS-01.
     *
     * @param zones    zone names ({@code example.com}) or hosted-zone ids ({@code Z0123456789ABC})
     * @param region   AWS region for signing (default {@code aws-global}; Route53 is global)
     * @param endpoint endpoint override, e.g. a VPC endpoint or a test server, or {@code null}
     */
    public record Route53Settings(List<String> zones, String region, String endpoint) {
        public Route53Settings {
            zones = List.copyOf(zones);
        }
    }

    /**
     * CAA checking (RFC 8659).
     *
     * @param identities the issuer domain names that identify this CA in CAA {@code issue} records
     */
    public record CaaSettings(List<String> identities) {
        public CaaSettings {
            identities = List.copyOf(identities);
        }
    }

    /** Settings with every default: ports 80/443, the system's resolvers, no zones, no Route53, no CAA. */
    public static ValidationSettings defaults() {
        return parse(null);
    }

    /** Settings with defaults except the given resolvers (tests, {@code stile serve --resolver}). */
    public ValidationSettings withResolvers(List<DnsServer> servers) {
        return new ValidationSettings(httpPort, tlsPort, servers, zones, queryTimeout, tries, retryWindow,
                authoritative, route53, caa, egress);
    }

    /** The same settings with other ports. */
    public ValidationSettings withPorts(int http, int tls) {
        return new ValidationSettings(http, tls, resolvers, zones, queryTimeout, tries, retryWindow,
                authoritative, route53, caa, egress);
    }

    /** The same settings with another egress policy (tests). */
    public ValidationSettings withEgress(EgressPolicy policy) {
        return new ValidationSettings(httpPort, tlsPort, resolvers, zones, queryTimeout, tries, retryWindow,
                authoritative, route53, caa, policy);
    }

    /** The same settings with other DNS timing. */
    public ValidationSettings withDnsTiming(Duration timeout, int attempts) {
        return new ValidationSettings(httpPort, tlsPort, resolvers, zones, timeout, attempts, retryWindow,
                authoritative, route53, caa, egress);
    }

    /**
     * The settings of one ACME provisioner: the global {@code validation} block with the keys of the
     * provisioner's own {@code validation} block replacing the global ones (one level deep, so a
     * provisioner's {@code zones} replaces the global {@code zones} as a whole). Every key of the
     * global block may be set per provisioner, including keys added later.
     *
     * @param global      the global block (may be {@code null})
     * @param override    the provisioner's block (may be {@code null}: the global settings)
     * @param provisioner the provisioner's name, for error messages
     * @throws IllegalArgumentException naming the provisioner and key, e.g.
     *                                  {@code ACME provisioner home: validation.tries: must be ...}
     */
    public static ValidationSettings parse(JsonNode global, JsonNode override, String provisioner) {
        if (override == null || override.isNull() || override.isMissingNode()) {
            return parse(global);
        }
        if (!override.isObject()) {
            throw new IllegalArgumentException("ACME provisioner " + provisioner + ": validation: must be an object");
        }
        com.fasterxml.jackson.databind.node.ObjectNode merged = global != null && global.isObject()
                ? ((com.fasterxml.jackson.databind.node.ObjectNode) global).deepCopy()
                : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        override.fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue()));
        try {
            // Egress entries add up instead of replacing each other: the provisioner's allow and deny
            // lists refine the global ones (the most specific network wins), as ProvisionerEgressPolicies
            // applies them to the provisioner's validations.
            return parse(merged).withEgress(EgressPolicy.defaults().with(global, "validation")
                    .with(override, "ACME provisioner " + provisioner + ": validation"));
        } catch (IllegalArgumentException e) {
            String key = e.getMessage().startsWith("validation.") ? e.getMessage().substring(11).split("[:.]", 2)[0] : "";
            String where = override.has(key) ? "ACME provisioner " + provisioner + ": " : "";
            throw new IllegalArgumentException(where + e.getMessage(), e);
        }
    }

    /**
     * Reads the {@code validation} block of ca.json.
     *
     * @param node the block, or {@code null}/missing for all defaults
     * @throws IllegalArgumentException with one sentence naming the offending key, e.g.
     *                                  {@code validation.httpPort: must be a port number (1-65535), got "x"}
     */
    public static ValidationSettings parse(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            node = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("validation: must be an object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("validation." + key + ": unknown key (known: "
                        + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")");
            }
        }
        int httpPort = port(node, "httpPort", DEFAULT_HTTP_PORT);
        int tlsPort = port(node, "tlsPort", DEFAULT_TLS_PORT);
        List<DnsServer> resolvers = node.has("resolvers")
                ? servers(node.get("resolvers"), "validation.resolvers")
                : systemResolvers();
        Map<String, List<DnsServer>> zones = new LinkedHashMap<>();
        JsonNode z = node.get("zones");
        if (z != null && !z.isNull()) {
            if (!z.isObject()) {
                throw new IllegalArgumentException("validation.zones: must be an object such as "
                        + "{\"home.example.net\": [\"192.168.1.1:53\"]}");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = z.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = "validation.zones." + e.getKey();
                List<DnsServer> servers = servers(e.getValue(), key);
                if (servers.isEmpty()) {
                    throw new IllegalArgumentException(key + ": needs at least one DNS server");
                }
                zones.put(e.getKey(), servers);
            }
        }
        Duration queryTimeout = duration(node, "queryTimeout", DEFAULT_QUERY_TIMEOUT);
        int tries = positiveInt(node, "tries", DEFAULT_TRIES);
        Duration retryWindow = duration(node, "retryWindow", DEFAULT_RETRY_WINDOW);
        boolean authoritative = bool(node, "authoritative");
        return new ValidationSettings(httpPort, tlsPort, resolvers, zones, queryTimeout, tries, retryWindow,
                authoritative, route53(node.get("route53")), caa(node.get("caa")),
                EgressPolicy.defaults().with(node, "validation"));
    }

    private static Route53Settings route53(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw new IllegalArgumentException("validation.route53: must be an object with zones, region and endpoint");
        }
        List<String> zones = strings(n.get("zones"), "validation.route53.zones");
        if (zones.isEmpty()) {
            throw new IllegalArgumentException("validation.route53.zones: needs at least one zone name or hosted-zone id");
        }
        String region = text(n, "region", "validation.route53.region", "aws-global");
        String endpoint = text(n, "endpoint", "validation.route53.endpoint", null);
        if (endpoint != null) {
            try {
                java.net.URI uri = java.net.URI.create(endpoint);
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw new IllegalArgumentException("no scheme or host");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("validation.route53.endpoint: must be a URL such as "
                        + "https://route53.amazonaws.com, got \"" + endpoint + "\"");
            }
        }
        return new Route53Settings(zones, region, endpoint);
    }

    private static CaaSettings caa(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw new IllegalArgumentException("validation.caa: must be an object such as {\"identities\": [\"ca.example.net\"]}");
        }
        List<String> ids = strings(n.get("identities"), "validation.caa.identities");
        if (ids.isEmpty()) {
            return null;
        }
        List<String> lower = new ArrayList<>();
        ids.forEach(i -> lower.add(i.toLowerCase(Locale.ROOT)));
        return new CaaSettings(lower);
    }

    private static int port(JsonNode node, String key, int dflt) {
        JsonNode n = node.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 1 || n.asInt() > 65535) {
            throw new IllegalArgumentException("validation." + key + ": must be a port number (1-65535), got " + n);
        }
        return n.asInt();
    }

    private static int positiveInt(JsonNode node, String key, int dflt) {
        JsonNode n = node.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isIntegralNumber() || n.asInt() < 1 || n.asInt() > 10) {
            throw new IllegalArgumentException("validation." + key + ": must be a whole number from 1 to 10, got " + n);
        }
        return n.asInt();
    }

    private static boolean bool(JsonNode node, String key) {
        JsonNode n = node.get(key);
        if (n == null || n.isNull()) {
            return false;
        }
        if (!n.isBoolean()) {
            throw new IllegalArgumentException("validation." + key + ": must be true or false, got " + n);
        }
        return n.asBoolean();
    }

    private static Duration duration(JsonNode node, String key, Duration dflt) {
        JsonNode n = node.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        Duration d;
        try {
            d = n.isTextual() ? GoDuration.parse(n.asText()) : null;
        } catch (IllegalArgumentException e) {
            d = null;
        }
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("validation." + key + ": must be a positive duration such as \"90s\" or \"2m\", got " + n);
        }
        return d;
    }

    private static String text(JsonNode node, String field, String key, String dflt) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            throw new IllegalArgumentException(key + ": must be a non-empty string, got " + n);
        }
        return n.asText().trim();
    }

    private static List<String> strings(JsonNode n, String key) {
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw new IllegalArgumentException(key + ": must be a list of strings, got " + n);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isTextual() || e.asText().isBlank()) {
                throw new IllegalArgumentException(key + ": must be a list of strings, got " + e + " in it");
            }
            out.add(e.asText().trim());
        }
        return out;
    }

    private static List<DnsServer> servers(JsonNode n, String key) {
        List<DnsServer> out = new ArrayList<>();
        for (String s : strings(n, key)) {
            try {
                out.add(DnsServer.parse(s));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static List<DnsServer> systemResolvers() {
        List<DnsServer> out = SystemResolvers.find();
        if (out.isEmpty()) {
            throw new IllegalArgumentException("validation.resolvers: not set and no DNS server found in /etc/resolv.conf");
        }
        return out;
    }

    /** Lower case, no trailing dot: the form zone names are compared in. */
    public static String normalizeZone(String zone) {
        String z = zone.trim().toLowerCase(Locale.ROOT);
        return z.endsWith(".") ? z.substring(0, z.length() - 1) : z;
    }
}
