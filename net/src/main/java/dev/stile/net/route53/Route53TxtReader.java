package dev.stile.net.route53;

import dev.stile.acme.validation.ValidationSettings;
import dev.stile.acme.validation.dns.Route53Records;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.Route53ClientBuilder;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameResponse;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads DNS-01 TXT records straight from Route53's API ({@code ListResourceRecordSets}), so
 * neither propagation delay nor a broken cluster resolver matters for names in the configured
 * zones. Zones are configured by name (looked up once with {@code ListHostedZonesByName}) or by
 * hosted-zone id (named once with {@code GetHostedZone}). Credentials come from the AWS SDK's
 * default chain (environment, system properties, profile, web identity, container, instance).
 * Thread-safe; the zone cache holds at most one entry per configured zone.
 */
public final class Route53TxtReader implements Route53Records, AutoCloseable {

    private final Route53Client client;
    private final List<String> configured;
    private final Map<String, HostedZoneRef> zones = new ConcurrentHashMap<>();

    public Route53TxtReader(ValidationSettings.Route53Settings settings) {
        this(settings, DefaultCredentialsProvider.builder().build());
    }

    public Route53TxtReader(ValidationSettings.Route53Settings settings, AwsCredentialsProvider credentials) {
        Route53ClientBuilder b = Route53Client.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(10))
                        .build())
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials);
        if (settings.endpoint() != null) {
            b.endpointOverride(URI.create(settings.endpoint()));
        }
        this.client = b.build();
        this.configured = settings.zones();
    }

    /**
     * The configured hosted zone that contains {@code fqdn} (longest zone name wins), or null when
     * the name is not in any of them and must be checked through DNS.
     *
     * @throws Route53Exception when a configured zone cannot be found or named
     */
    @Override
    public HostedZoneRef zoneFor(String fqdn) {
        String n = ValidationSettings.normalizeZone(fqdn);
        HostedZoneRef best = null;
        for (String z : configured) {
            HostedZoneRef ref = zones.computeIfAbsent(z, this::describe);
            boolean inside = n.equals(ref.name()) || n.endsWith("." + ref.name());
            if (inside && (best == null || ref.name().length() > best.name().length())) {
                best = ref;
            }
        }
        return best;
    }

    /** Reads the record set at {@code fqdn} in {@code zone}. */
    @Override
    public Result read(HostedZoneRef zone, String fqdn) {
        String name = ValidationSettings.normalizeZone(fqdn) + ".";
        ListResourceRecordSetsResponse r;
        try {
            r = client.listResourceRecordSets(b -> b.hostedZoneId(zone.id()).startRecordName(name).maxItems("10"));
        } catch (SdkException e) {
            throw new Route53Exception("Route53 ListResourceRecordSets for " + name + " in hosted zone " + zone.id()
                    + " failed: " + firstLine(e.getMessage()), e);
        }
        List<String> values = new ArrayList<>();
        String cname = null;
        for (ResourceRecordSet set : r.resourceRecordSets()) {
            if (!sameName(set.name(), name)) {
                continue;
            }
            if ("TXT".equals(set.typeAsString())) {
                for (ResourceRecord rr : set.resourceRecords()) {
                    values.add(unquote(rr.value()));
                }
            } else if ("CNAME".equals(set.typeAsString()) && !set.resourceRecords().isEmpty()) {
                cname = ValidationSettings.normalizeZone(set.resourceRecords().get(0).value());
            }
        }
        return new Result(zone, values, cname);
    }

    private HostedZoneRef describe(String configuredZone) {
        try {
            if (isZoneId(configuredZone)) {
                String id = configuredZone.replaceFirst("^/?hostedzone/", "");
                HostedZone hz = client.getHostedZone(b -> b.id(id)).hostedZone();
                return new HostedZoneRef(id, ValidationSettings.normalizeZone(hz.name()));
            }
            String wanted = ValidationSettings.normalizeZone(configuredZone);
            ListHostedZonesByNameResponse r = client.listHostedZonesByName(b -> b.dnsName(wanted + ".").maxItems("1"));
            for (HostedZone hz : r.hostedZones()) {
                if (ValidationSettings.normalizeZone(hz.name()).equals(wanted)) {
                    return new HostedZoneRef(hz.id().replaceFirst("^/?hostedzone/", ""), wanted);
                }
            }
            throw new Route53Exception("Route53 has no hosted zone named " + wanted
                    + " (from validation.route53.zones) visible to these credentials", null);
        } catch (SdkException e) {
            throw new Route53Exception("Route53 lookup of hosted zone " + configuredZone + " failed: "
                    + firstLine(e.getMessage()), e);
        }
    }

    /** Hosted-zone ids are upper-case letters and digits, usually starting with Z, and have no dot. */
    static boolean isZoneId(String zone) {
        return zone.matches("(/?hostedzone/)?[A-Z0-9]{6,32}");
    }

    private static boolean sameName(String route53Name, String name) {
        // Route53 escapes some characters as \\ooo octal (e.g. * as \\052); challenge names never need them.
        return ValidationSettings.normalizeZone(route53Name).equals(ValidationSettings.normalizeZone(name));
    }

    /** Route53 returns TXT data in zone-file form: one or more quoted strings, joined here. */
    static String unquote(String value) {
        String v = value.trim();
        if (!v.startsWith("\"")) {
            return v;
        }
        StringBuilder out = new StringBuilder();
        boolean inQuotes = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"') {
                inQuotes = !inQuotes;
            } else if (c == '\\' && inQuotes && i + 1 < v.length()) {
                out.append(v.charAt(++i));
            } else if (inQuotes) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no message";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Override
    public void close() {
        client.close();
    }
}
