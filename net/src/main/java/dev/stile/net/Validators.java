package dev.stile.net;

import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.validation.ChallengeValidator;
import dev.stile.acme.validation.ValidationSettings;
import dev.stile.acme.validation.caa.CaaVerifier;
import dev.stile.acme.validation.dns.Dns01Validator;
import dev.stile.acme.validation.dns.DnsPersist01Validator;
import dev.stile.acme.validation.egress.EgressPolicies;
import dev.stile.acme.validation.http.Http01Validator;
import dev.stile.acme.validation.tls.TlsAlpn01Validator;
import dev.stile.net.caa.DnsCaaVerifier;
import dev.stile.net.dns.AddressLookup;
import dev.stile.net.dns.AuthoritativeServers;
import dev.stile.net.dns.DnsClient;
import dev.stile.net.dns.DnsTxtLookup;
import dev.stile.net.http.HttpFetcher;
import dev.stile.net.route53.Route53TxtReader;
import dev.stile.net.tls.TlsAlpnDialer;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Builds every validator from {@link ValidationSettings}: the one place that wires DNS, HTTP,
 * TLS, Route53 and CAA together, for the composition root and for {@code stile doctor}.
 *
 * <pre>{@code
 * Validators v = Validators.create(ValidationSettings.parse(caJson.get("validation")), clock);
 * ChallengeValidator http01 = v.forType(ChallengeType.HTTP_01);
 * Optional<CaaVerifier> caa = v.caa();   // present only when validation.caa.identities is set
 * Duration window = v.settings().retryWindow();
 * v.close();                              // on shutdown (closes the Route53 client)
 * }</pre>
 */
public final class Validators implements AutoCloseable {

    /** Connect and read timeout of HTTP-01 and TLS-ALPN-01 connections. */
    public static final Duration IO_TIMEOUT = Duration.ofSeconds(10);

    private final ValidationSettings settings;
    private final DnsClient dns;
    private final Map<ChallengeType, ChallengeValidator> validators;
    private final CaaVerifier caa;
    private final Route53TxtReader route53;

    private Validators(ValidationSettings settings, DnsClient dns, Map<ChallengeType, ChallengeValidator> validators,
            CaaVerifier caa, Route53TxtReader route53) {
        this.settings = settings;
        this.dns = dns;
        this.validators = validators;
        this.caa = caa;
        this.route53 = route53;
    }

    public static Validators create(ValidationSettings settings, Clock clock) {
        return create(settings, clock, IO_TIMEOUT, 53);
    }

    /**
     * @param ioTimeout         connect/read timeout for HTTP and TLS
     * @param authoritativePort port of authoritative servers when {@code authoritative} is on (53; tests differ)
     */
    public static Validators create(ValidationSettings settings, Clock clock, Duration ioTimeout, int authoritativePort) {
        return create(settings, clock, ioTimeout, authoritativePort, EgressPolicies.global(settings.egress()));
    }

    /**
     * @param egress the egress policy per ACME provisioner (the global {@code validation} block's
     *               entries plus the provisioner's own)
     */
    public static Validators create(ValidationSettings settings, Clock clock, EgressPolicies egress) {
        return create(settings, clock, IO_TIMEOUT, 53, egress);
    }

    private static Validators create(ValidationSettings settings, Clock clock, Duration ioTimeout, int authoritativePort,
            EgressPolicies egress) {
        DnsClient dns = new DnsClient(settings, clock);
        AddressLookup lookup = new AddressLookup(dns, clock);
        Route53TxtReader route53 = settings.route53() == null ? null : new Route53TxtReader(settings.route53());
        AuthoritativeServers authoritative = settings.authoritative()
                ? new AuthoritativeServers(dns, lookup, authoritativePort) : null;
        DnsTxtLookup txt = new DnsTxtLookup(dns, authoritative);
        Map<ChallengeType, ChallengeValidator> map = new EnumMap<>(ChallengeType.class);
        map.put(ChallengeType.HTTP_01, new Http01Validator(lookup, settings.httpPort(), settings.tlsPort(),
                new HttpFetcher(ioTimeout), clock, egress));
        map.put(ChallengeType.DNS_01, new Dns01Validator(txt, route53, clock, egress));
        map.put(ChallengeType.TLS_ALPN_01, new TlsAlpn01Validator(lookup, settings.tlsPort(), new TlsAlpnDialer(ioTimeout),
                clock, egress));
        // The drafts' types are only offered where a provisioner enables them (ChallengeType.CLASSIC otherwise).
        map.put(ChallengeType.DNS_ACCOUNT_01, new Dns01Validator(txt, route53, clock, ChallengeType.DNS_ACCOUNT_01, egress));
        map.put(ChallengeType.DNS_PERSIST_01, new DnsPersist01Validator(txt, clock, egress));
        CaaVerifier caa = settings.caa() == null ? null : new DnsCaaVerifier(dns, settings.caa().identities());
        return new Validators(settings, dns, map, caa, route53);
    }

    public ValidationSettings settings() {
        return settings;
    }

    public DnsClient dns() {
        return dns;
    }

    public ChallengeValidator forType(ChallengeType type) {
        return validators.get(type);
    }

    /** Every validator, one per challenge type. */
    public Map<ChallengeType, ChallengeValidator> all() {
        return Map.copyOf(validators);
    }

    /** The CAA verifier, present only when {@code validation.caa.identities} is configured. */
    public Optional<CaaVerifier> caa() {
        return Optional.ofNullable(caa);
    }

    @Override
    public void close() {
        if (route53 != null) {
            route53.close();
        }
    }
}
