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
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * dns-persist-01 as draft-ietf-acme-dns-persist-00 defines it: a persistent TXT record at
 * {@code _validation-persist.NAME} whose issue-value (RFC 8659) names one of the provisioner's
 * issuer domain names and carries {@code accounturi=} the requesting account's URL; optional
 * {@code policy=wildcard} (needed for a wildcard authorization; other values count as absent) and
 * {@code persistUntil=} a UNIX time after which the record no longer validates. Records for other
 * issuers are ignored (§4.1), unknown tags too (§4). Checked afresh for every new authorization: a
 * record removed or expired stops the next one.
 *
 * <p>Classification, as for dns-01: no record at all is TRANSIENT (not yet propagated); records
 * but none for this CA is {@code incorrectResponse}; a record for this CA that names another
 * account, has expired or lacks {@code policy=wildcard} for a wildcard is {@code unauthorized}.
 */
public final class DnsPersist01Validator implements ChallengeValidator {

    /** The DNS TXT Record Persistent DCV Domain Label (draft §2). */
    public static final String LABEL = "_validation-persist";

    private final DnsClient dns;
    private final AuthoritativeServers authoritative;
    private final Clock clock;
    private final EgressPolicies egress;

    public DnsPersist01Validator(DnsClient dns, AuthoritativeServers authoritative, Clock clock) {
        this(dns, authoritative, clock, EgressPolicies.global(EgressPolicy.defaults()));
    }

    /** @param egress judges the authoritative servers' addresses (they come from DNS, not from the operator) */
    public DnsPersist01Validator(DnsClient dns, AuthoritativeServers authoritative, Clock clock, EgressPolicies egress) {
        this.dns = dns;
        this.authoritative = authoritative;
        this.clock = clock;
        this.egress = egress;
    }

    @Override
    public ChallengeType type() {
        return ChallengeType.DNS_PERSIST_01;
    }

    @Override
    public ValidationOutcome validate(ValidationTarget target) {
        Identifier id = target.identifier();
        List<ValidationRecord> records = new ArrayList<>();
        if (!Identifier.DNS.equals(id.type())) {
            return ValidationOutcome.invalid(AcmeProblem.UNSUPPORTED_IDENTIFIER.withDetail(
                    "dns-persist-01 validates DNS names, not the " + id.type() + " identifier " + id.value() + "."), records);
        }
        if (target.issuerDomainNames().isEmpty()) {
            return ValidationOutcome.invalid(AcmeProblem.SERVER_INTERNAL.withDetail(
                    "dns-persist-01 is offered without issuer domain names (the provisioner's caaIdentities)."), records);
        }
        String base = id.value().startsWith("*.") ? id.value().substring(2) : id.value();
        String name = LABEL + "." + base;
        DnsAnswer a = lookup(name, target.provisioner());
        List<String> values = new ArrayList<>();
        for (Record r : a.records()) {
            values.add(String.join("", ((TXTRecord) r).getStrings()));
        }
        records.add(new ValidationRecord(clock.instant(), name, null, null, List.of(), null, a.resolver(),
                "TXT " + name, a.summary() + (values.isEmpty() ? "" : ": " + quoted(values))));
        String where = "TXT " + name + " via " + a.resolver();
        if (a.isTransientFailure()) {
            return ValidationOutcome.transientFailure(AcmeProblem.DNS.withDetail("DNS lookup of " + where + " "
                    + a.failureReason() + "."), records);
        }
        String example = target.issuerDomainNames().get(0) + "; accounturi=" + target.accountUri();
        if (values.isEmpty()) {
            return ValidationOutcome.transientFailure(AcmeProblem.DNS.withDetail("DNS-PERSIST-01 record missing: "
                    + where + " " + a.failureReason() + "; expected a record such as \"" + example
                    + "\" (not yet published or not yet propagated)."), records);
        }
        List<PersistRecord> ours = new ArrayList<>();
        for (String v : values) {
            PersistRecord.parse(v).filter(r -> target.issuerDomainNames().stream()
                    .anyMatch(n -> PersistRecord.normalize(n).equals(r.issuer()))).ifPresent(ours::add);
        }
        if (ours.isEmpty()) {
            return ValidationOutcome.invalid(AcmeProblem.INCORRECT_RESPONSE.withDetail(where + " holds "
                    + quoted(values) + " but no record for this CA's issuer domain names "
                    + target.issuerDomainNames() + "; expected a record such as \"" + example + "\"."), records);
        }
        String firstRefusal = null;
        for (PersistRecord r : ours) {
            Optional<String> refusal = refusal(r, target);
            if (refusal.isEmpty()) {
                return ValidationOutcome.valid(records);
            }
            firstRefusal = firstRefusal == null ? refusal.get() : firstRefusal;
        }
        return ValidationOutcome.invalid(AcmeProblem.UNAUTHORIZED.withDetail("The dns-persist-01 record at " + where
                + " " + firstRefusal + "."), records);
    }

    /** Why this record (for our issuer) does not authorize the target, or empty when it does. */
    private Optional<String> refusal(PersistRecord r, ValidationTarget target) {
        Optional<String> account = r.parameter("accounturi");
        if (account.isEmpty()) {
            return Optional.of("for " + r.issuer() + " has no accounturi (it must name the account "
                    + target.accountUri() + ")");
        }
        if (!target.accountUris().contains(account.get())) {
            return Optional.of("names accounturi " + account.get() + ", not this account " + target.accountUri());
        }
        Optional<String> until = r.parameter("persistUntil");
        if (until.isPresent()) {
            long seconds;
            try {
                seconds = Long.parseLong(until.get());
            } catch (NumberFormatException e) {
                return Optional.of("has persistUntil=" + until.get() + ", which is not a UNIX time in seconds");
            }
            Instant end = Instant.ofEpochSecond(seconds);
            if (clock.instant().isAfter(end)) {
                return Optional.of("expired: its persistUntil=" + seconds + " (" + end + ") has passed");
            }
        }
        boolean wildcardPolicy = r.parameter("policy").map(p -> p.toLowerCase(Locale.ROOT).equals("wildcard")).orElse(false);
        if (target.wildcard() && !wildcardPolicy) {
            return Optional.of("does not cover *." + target.identifier().value()
                    + ": a wildcard needs policy=wildcard in the record");
        }
        return Optional.empty();
    }

    private DnsAnswer lookup(String name, String provisioner) {
        if (authoritative != null) {
            List<DnsServer> servers = authoritative.forName(name, egress.forProvisioner(provisioner));
            return servers.isEmpty() ? dns.lookup(name, Type.TXT) : dns.lookup(name, Type.TXT, servers);
        }
        return dns.lookup(name, Type.TXT);
    }

    private static String quoted(List<String> values) {
        List<String> shown = new ArrayList<>();
        for (String v : values.subList(0, Math.min(values.size(), 5))) {
            shown.add(KeyAuthorizations.shorten(v, 120));
        }
        return String.join(", ", shown) + (values.size() > 5 ? " and " + (values.size() - 5) + " more" : "");
    }
}
