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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * dns-persist-01 as draft-ietf-acme-dns-persist-02 defines it: a persistent TXT record at
 * {@code _validation-persist.NAME} whose issue-value (RFC 8659) names one of the provisioner's
 * issuer domain names and carries {@code accounturi=} the requesting account's hashed URI
 * ({@link HashedAccountUri}, §4.1 item 3; the plain account URL of drafts -00/-01 is no longer
 * accepted); optional {@code policy=wildcard} (needed for a wildcard authorization; other values
 * count as absent, §4.1 item 4) and {@code persistUntil=} a UNIX time after which the record no
 * longer validates (§4.1 item 5). Records for other issuers are ignored (§4.3.2), unknown tags too
 * (§4.1 item 1). Checked afresh for every new authorization (§4.2): a record removed or expired
 * stops the next one.
 *
 * <p>Classification (§9.3.1), with dns-01's for the lookup: no record at all is TRANSIENT (not yet
 * propagated); a record for this CA with bad syntax (a repeated tag, no accounturi, an accounturi
 * that is no hashed URI under our accountHashPrefix, a persistUntil that is no integer) is
 * {@code malformed}; records naming none of our issuer domain names, or a well-formed record for
 * another account, expired, or lacking {@code policy=wildcard} for a wildcard, are
 * {@code unauthorized}. Of several records for this CA any one that passes validates (§4.3.2).
 */
public final class DnsPersist01Validator implements ChallengeValidator {

    /** The DNS TXT Record Persistent DCV Domain Label (draft-ietf-acme-dns-persist-02 §2). */
    public static final String LABEL = "_validation-persist";

    private static final Instant LAST_STORABLE = Instant.parse("9999-12-31T23:59:59Z");

    private final TxtLookup dns;
    private final Clock clock;
    private final EgressPolicies egress;

    /** @param dns reads TXT records (through the resolvers, or the zone's authoritative servers) */
    public DnsPersist01Validator(TxtLookup dns, Clock clock) {
        this(dns, clock, EgressPolicies.global(EgressPolicy.defaults()));
    }

    /** @param egress judges the authoritative servers' addresses (they come from DNS, not from the operator) */
    public DnsPersist01Validator(TxtLookup dns, Clock clock, EgressPolicies egress) {
        this.dns = dns;
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
        // The validated FQDN: the hash binds the record to the name it sits at (§4.1 item 3.2).
        String base = PersistRecord.normalize(id.value().startsWith("*.") ? id.value().substring(2) : id.value());
        String name = LABEL + "." + base;
        TxtAnswer a = dns.txt(name, egress.forProvisioner(target.provisioner()));
        List<String> values = a.values();
        records.add(new ValidationRecord(clock.instant(), name, null, null, List.of(), null, a.resolver(),
                "TXT " + name, a.summary() + (values.isEmpty() ? "" : ": " + quoted(values))));
        String where = "TXT " + name + " via " + a.resolver();
        if (a.transientFailure()) {
            return ValidationOutcome.transientFailure(AcmeProblem.DNS.withDetail("DNS lookup of " + where + " "
                    + a.failureReason() + "."), records);
        }
        String example = target.issuerDomainNames().get(0) + "; accounturi=" + expectedAccountUri(target, base);
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
            return ValidationOutcome.invalid(AcmeProblem.UNAUTHORIZED.withDetail(where + " holds "
                    + quoted(values) + " but no record for this CA's issuer domain names "
                    + target.issuerDomainNames() + "; expected a record such as \"" + example + "\"."), records);
        }
        Refusal first = null;
        for (PersistRecord r : ours) {
            Optional<Refusal> refusal = refusal(r, target, base);
            if (refusal.isEmpty()) {
                // §4.1 item 5: the authorization must not stay valid past the record's persistUntil.
                // One beyond year 9999 limits nothing a store could hold, and SQL timestamps end there.
                return ValidationOutcome.valid(records, r.parameter("persistUntil").map(DnsPersist01Validator::instant)
                        .filter(t -> t.isBefore(LAST_STORABLE)).orElse(null));
            }
            first = first == null ? refusal.get() : first;
        }
        return ValidationOutcome.invalid(first.type().withDetail("The dns-persist-01 record at " + where
                + " " + first.reason() + "."), records);
    }

    /** Why a record for our issuer does not authorize the target, and the problem type it earns. */
    private record Refusal(AcmeProblem type, String reason) {
        static Optional<Refusal> malformed(String reason) {
            return Optional.of(new Refusal(AcmeProblem.MALFORMED, reason));
        }

        static Optional<Refusal> unauthorized(String reason) {
            return Optional.of(new Refusal(AcmeProblem.UNAUTHORIZED, reason));
        }
    }

    /** Why this record (for our issuer) does not authorize the target, or empty when it does. */
    private Optional<Refusal> refusal(PersistRecord r, ValidationTarget target, String domain) {
        if (!r.repeatedTags().isEmpty()) {
            return Refusal.malformed("for " + r.issuer() + " repeats " + r.repeatedTags() + " (each tag may appear once)");
        }
        String expected = expectedAccountUri(target, domain);
        Optional<String> account = r.parameter("accounturi");
        if (account.isEmpty()) {
            return Refusal.malformed("for " + r.issuer() + " has no accounturi (it must be this account's hashed URI "
                    + expected + ")");
        }
        if (!HashedAccountUri.wellFormed(account.get(), target.accountUris())) {
            String why = target.accountUris().contains(account.get())
                    ? "names the account URL itself, as drafts -00 and -01 did; draft-ietf-acme-dns-persist-02 needs the account's hashed URI "
                    : "has accounturi " + account.get() + ", which is no " + HashedAccountUri.ALGORITHM
                    + " hashed URI under this CA's accountHashPrefix; this account's is ";
            return Refusal.malformed(why + expected);
        }
        Optional<String> until = r.parameter("persistUntil");
        if (until.isPresent() && !until.get().matches("[0-9]+")) {
            return Refusal.malformed("has persistUntil=" + until.get() + ", which is not a UNIX time in seconds");
        }
        if (!HashedAccountUri.accepted(target.accountUris(), domain, thumbprint(target)).contains(account.get())) {
            return Refusal.unauthorized("has accounturi " + account.get() + ", which is not this account's hashed URI "
                    + expected + " (nor its " + HashedAccountUri.ANY_DOMAIN + " form)");
        }
        if (until.isPresent()) {
            Instant end = instant(until.get());
            if (clock.instant().isAfter(end)) {
                return Refusal.unauthorized("expired: its persistUntil=" + until.get() + " (" + end + ") has passed");
            }
        }
        boolean wildcardPolicy = r.parameter("policy").map(p -> p.toLowerCase(Locale.ROOT).equals("wildcard")).orElse(false);
        if (target.wildcard() && !wildcardPolicy) {
            return Refusal.unauthorized("does not cover *." + target.identifier().value()
                    + ": a wildcard needs policy=wildcard in the record");
        }
        return Optional.empty();
    }

    /** A persistUntil of digits as an instant; one beyond what Java can represent is the far future. */
    private static Instant instant(String digits) {
        String d = digits.replaceFirst("^0+(?=.)", "");
        return d.length() > 16 ? Instant.MAX : Instant.ofEpochSecond(Math.min(Long.parseLong(d), Instant.MAX.getEpochSecond()));
    }

    /** The account's hashed URI for this domain, as a record should carry it (for messages and examples). */
    static String expectedAccountUri(ValidationTarget target, String domain) {
        return HashedAccountUri.of(HashedAccountUri.prefixFor(target.accountUri()), domain, thumbprint(target),
                target.accountUri());
    }

    /** The base64url JWK thumbprint: the part of the key authorization after the token (RFC 8555 §8.1). */
    private static String thumbprint(ValidationTarget target) {
        String ka = target.keyAuthorization();
        return ka.substring(ka.lastIndexOf('.') + 1);
    }

    private static String quoted(List<String> values) {
        List<String> shown = new ArrayList<>();
        for (String v : values.subList(0, Math.min(values.size(), 5))) {
            shown.add(KeyAuthorizations.shorten(v, 120));
        }
        return String.join(", ", shown) + (values.size() > 5 ? " and " + (values.size() - 5) + " more" : "");
    }
}
