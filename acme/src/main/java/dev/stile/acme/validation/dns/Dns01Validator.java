package dev.stile.acme.validation.dns;

import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.problem.AcmeProblem;
import dev.stile.acme.validation.ChallengeValidator;
import dev.stile.acme.validation.KeyAuthorizations;
import dev.stile.acme.validation.ValidationOutcome;
import dev.stile.acme.validation.ValidationRecord;
import dev.stile.acme.validation.ValidationTarget;
import dev.stile.acme.validation.egress.EgressPolicies;
import dev.stile.acme.validation.egress.EgressPolicy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * DNS-01 (RFC 8555 §8.4): a TXT record at {@code _acme-challenge.NAME} (a wildcard is validated on
 * its base name) whose value is base64url(SHA-256(key authorization)); CNAMEs are followed, so a
 * challenge delegated to another zone works. Names in Route53 zones are read from the Route53 API.
 *
 * <p>Classification: a matching value is VALID; TXT records with only other values are a definite
 * {@code incorrectResponse} listing what was seen. A missing record (NXDOMAIN, or no TXT) is
 * TRANSIENT, typed {@code dns}: right after a client says "ready" a missing record almost always
 * means the record has not propagated to every server yet, so it is retried within
 * {@code validation.retryWindow} and only then becomes invalid. Timeouts and SERVFAIL are TRANSIENT.
 */
public final class Dns01Validator implements ChallengeValidator {

    private static final int MAX_VALUES_SHOWN = 5;

    private final TxtLookup dns;
    private final Route53Records route53;
    private final Clock clock;
    private final ChallengeType type;
    private final EgressPolicies egress;

    /**
     * @param dns     reads TXT records (through the resolvers, or the zone's authoritative servers)
     * @param route53 when not null, names in its zones are read from the Route53 API
     */
    public Dns01Validator(TxtLookup dns, Route53Records route53, Clock clock) {
        this(dns, route53, clock, ChallengeType.DNS_01);
    }

    /**
     * @param type {@code DNS_01}, or {@code DNS_ACCOUNT_01}: the same TXT value at the account-scoped
     *             name {@link DnsAccountLabel#validationName} (draft-ietf-acme-dns-account-label-02 §3.2)
     */
    public Dns01Validator(TxtLookup dns, Route53Records route53, Clock clock, ChallengeType type) {
        this(dns, route53, clock, type, EgressPolicies.global(EgressPolicy.defaults()));
    }

    /** @param egress judges the authoritative servers' addresses (they come from DNS, not from the operator) */
    public Dns01Validator(TxtLookup dns, Route53Records route53, Clock clock, EgressPolicies egress) {
        this(dns, route53, clock, ChallengeType.DNS_01, egress);
    }

    /**
     * @param type   {@code DNS_01} or {@code DNS_ACCOUNT_01}
     * @param egress judges the authoritative servers' addresses (they come from DNS, not from the operator)
     */
    public Dns01Validator(TxtLookup dns, Route53Records route53, Clock clock, ChallengeType type,
                          EgressPolicies egress) {
        if (type != ChallengeType.DNS_01 && type != ChallengeType.DNS_ACCOUNT_01) {
            throw new IllegalArgumentException("Dns01Validator validates dns-01 and dns-account-01, not " + type.token());
        }
        this.egress = egress;
        this.dns = dns;
        this.route53 = route53;
        this.clock = clock;
        this.type = type;
    }

    @Override
    public ChallengeType type() {
        return type;
    }

    @Override
    public ValidationOutcome validate(ValidationTarget target) {
        Identifier id = target.identifier();
        List<ValidationRecord> records = new ArrayList<>();
        if (!Identifier.DNS.equals(id.type())) {
            return ValidationOutcome.invalid(AcmeProblem.UNSUPPORTED_IDENTIFIER.withDetail(
                    "DNS-01 cannot validate the " + id.type() + " identifier " + id.value()
                            + " (RFC 8738 allows only http-01 and tls-alpn-01 for IP addresses)."), records);
        }
        String base = id.value().startsWith("*.") ? id.value().substring(2) : id.value();
        String expected = KeyAuthorizations.dnsTxtValue(target.keyAuthorization());
        EgressPolicy policy = egress.forProvisioner(target.provisioner());
        if (type == ChallengeType.DNS_01) {
            return validateAt("_acme-challenge." + base, expected, records, policy);
        }
        // dns-account-01: the label comes from the account URL the client saw; a CA with several DNS
        // names has one URL per name, so each is tried until one holds the value.
        ValidationOutcome first = null;
        for (String accountUrl : target.accountUris()) {
            ValidationOutcome o = validateAt(DnsAccountLabel.validationName(accountUrl, base), expected, records, policy);
            if (o.verdict() == ValidationOutcome.Verdict.VALID) {
                return o;
            }
            first = first == null ? o : first;
        }
        return first == null ? ValidationOutcome.invalid(AcmeProblem.SERVER_INTERNAL.withDetail(
                "dns-account-01 needs the account URL, which is unknown"), records)
                : new ValidationOutcome(first.verdict(), first.problem(), records);
    }

    private ValidationOutcome validateAt(String name, String expected, List<ValidationRecord> records,
                                         EgressPolicy policy) {
        if (route53 != null) {
            ValidationOutcome viaApi = viaRoute53(name, expected, records, policy);
            if (viaApi != null) {
                return viaApi;
            }
        }
        return viaDns(name, expected, records, policy);
    }

    private ValidationOutcome viaRoute53(String name, String expected, List<ValidationRecord> records,
            EgressPolicy policy) {
        try {
            Route53Records.HostedZoneRef zone = route53.zoneFor(name);
            if (zone == null) {
                return null;
            }
            Route53Records.Result r = route53.read(zone, name);
            records.add(new ValidationRecord(clock.instant(), name, null, null, List.of(), null,
                    "route53:" + zone.id(), "TXT " + name, r.cnameTarget() != null ? "CNAME " + r.cnameTarget()
                            : r.values().size() + " TXT " + r.values()));
            if (r.cnameTarget() != null) {
                return viaDns(r.cnameTarget(), expected, records, policy); // delegated outside Route53's control
            }
            String where = "Route53 hosted zone " + zone.id() + " (" + zone.name() + ")";
            return judge(name, expected, r.values(), where, records, "has no TXT record at " + name);
        } catch (Route53Records.Route53Exception e) {
            records.add(new ValidationRecord(clock.instant(), name, null, null, List.of(), null, "route53",
                    "TXT " + name, e.getMessage()));
            return ValidationOutcome.transientFailure(AcmeProblem.DNS.withDetail(e.getMessage() + "."), records);
        }
    }

    private ValidationOutcome viaDns(String name, String expected, List<ValidationRecord> records,
            EgressPolicy policy) {
        TxtAnswer a = dns.txt(name, policy);
        List<String> values = a.values();
        records.add(new ValidationRecord(clock.instant(), name, null, null, List.of(), null, a.resolver(),
                "TXT " + name, a.summary() + (values.isEmpty() ? "" : ": " + shown(values))));
        String prefix = "DNS lookup of TXT " + name + " via " + a.resolver() + " ";
        if (a.transientFailure()) {
            return ValidationOutcome.transientFailure(AcmeProblem.DNS.withDetail(prefix + a.failureReason() + "."), records);
        }
        String where = a.resolver() + (a.cnames().isEmpty() ? "" : " (via CNAME " + String.join(" -> ", a.cnames()) + ")");
        return judge(name, expected, values, where, records, a.failureReason());
    }

    private ValidationOutcome judge(String name, String expected, List<String> values, String where,
            List<ValidationRecord> records, String missingReason) {
        if (values.contains(expected)) {
            return ValidationOutcome.valid(records);
        }
        if (values.isEmpty()) {
            return ValidationOutcome.transientFailure(AcmeProblem.DNS.withDetail(type.token().toUpperCase(java.util.Locale.ROOT)
                    + " record missing: "
                    + (where.startsWith("Route53") ? where + " " + missingReason
                    : "TXT " + name + " via " + where + " " + missingReason)
                    + "; expected \"" + expected + "\" (not yet published or not yet propagated)."), records);
        }
        return ValidationOutcome.invalid(AcmeProblem.INCORRECT_RESPONSE.withDetail("TXT " + name + " via " + where
                + " holds " + shown(values) + " but not the expected \"" + expected + "\"."), records);
    }

    /** At most five values, quoted and shortened. */
    private static String shown(List<String> values) {
        List<String> shown = new ArrayList<>();
        for (String v : values.subList(0, Math.min(values.size(), MAX_VALUES_SHOWN))) {
            shown.add(KeyAuthorizations.shorten(v, 60));
        }
        String more = values.size() > MAX_VALUES_SHOWN ? " and " + (values.size() - MAX_VALUES_SHOWN) + " more" : "";
        return String.join(", ", shown) + more;
    }
}
