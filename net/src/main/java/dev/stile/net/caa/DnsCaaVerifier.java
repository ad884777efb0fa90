package dev.stile.net.caa;

import dev.stile.acme.validation.caa.CaaVerifier;
import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.problem.AcmeProblem;
import dev.stile.acme.problem.ProblemDocument;
import dev.stile.net.dns.DnsAnswer;
import dev.stile.net.dns.DnsClient;
import org.xbill.DNS.CAARecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * CAA through {@link DnsClient}: finds the relevant record set by climbing from the name towards
 * the root (RFC 8659 §3), then applies {@code issue}/{@code issuewild} with RFC 8657 parameters.
 * Unknown critical properties forbid issuance (RFC 8659 §4.1); {@code iodef} and unknown
 * non-critical properties are ignored.
 */
public final class DnsCaaVerifier implements CaaVerifier {

    private static final Set<String> KNOWN_TAGS = Set.of("issue", "issuewild", "iodef");

    private final DnsClient dns;
    private final List<String> identities;

    /** @param identities this CA's issuer domain names ({@code validation.caa.identities}) */
    public DnsCaaVerifier(DnsClient dns, List<String> identities) {
        this.dns = dns;
        this.identities = List.copyOf(identities);
    }

    @Override
    public ProblemDocument check(Identifier id, String accountUri, ChallengeType method) {
        if (!Identifier.DNS.equals(id.type())) {
            return null; // RFC 8738 §7 leaves CAA for IP identifiers undefined
        }
        boolean wildcard = id.isWildcard();
        String name = wildcard ? id.value().substring(2) : id.value();
        String candidate = name.toLowerCase(Locale.ROOT);
        while (!candidate.isEmpty()) {
            DnsAnswer a = dns.lookup(candidate, Type.CAA);
            if (a.isTransientFailure()) {
                return AcmeProblem.DNS.withDetail("CAA lookup of " + candidate + " via " + a.resolver() + " "
                        + a.failureReason() + ", so issuance for " + id.value() + " is not allowed (RFC 8659 §3).")
                        .about(id);
            }
            if (a.status() == DnsAnswer.Status.ANSWER) {
                return evaluate(a.records(), candidate, id, wildcard, accountUri, method);
            }
            int dot = candidate.indexOf('.');
            candidate = dot < 0 ? "" : candidate.substring(dot + 1);
        }
        return null;
    }

    private ProblemDocument evaluate(List<Record> records, String owner, Identifier id, boolean wildcard,
            String accountUri, ChallengeType method) {
        List<CAARecord> issue = new ArrayList<>();
        List<CAARecord> issuewild = new ArrayList<>();
        for (Record r : records) {
            CAARecord caa = (CAARecord) r;
            String tag = caa.getTag().toLowerCase(Locale.ROOT);
            if ((caa.getFlags() & 0x80) != 0 && !KNOWN_TAGS.contains(tag)) {
                return deny(id, "the CAA record set at " + owner + " has a critical property \"" + caa.getTag()
                        + "\" this CA does not understand");
            }
            if (tag.equals("issue")) {
                issue.add(caa);
            } else if (tag.equals("issuewild")) {
                issuewild.add(caa);
            }
        }
        // RFC 8659 §4.3: issuewild, when present, governs wildcards; otherwise issue does.
        List<CAARecord> relevant = wildcard && !issuewild.isEmpty() ? issuewild : issue;
        if (relevant.isEmpty()) {
            return null;
        }
        List<String> reasons = new ArrayList<>();
        for (CAARecord r : relevant) {
            String why = matches(r.getValue(), accountUri, method);
            if (why == null) {
                return null;
            }
            reasons.add(why);
        }
        return deny(id, "CAA " + (relevant == issuewild ? "issuewild" : "issue") + " records at " + owner
                + " do not allow this CA (" + String.join(", ", identities) + "): " + String.join("; ", reasons));
    }

    /** @return null when the property value authorizes us, else why not */
    String matches(String value, String accountUri, ChallengeType method) {
        String[] parts = value.split(";", -1);
        String issuer = parts[0].trim().toLowerCase(Locale.ROOT);
        if (issuer.isEmpty()) {
            return "\"" + value + "\" forbids every CA";
        }
        if (!identities.contains(issuer)) {
            return "\"" + value + "\" names another CA";
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String v = p.substring(eq + 1).trim();
            if (key.equals("accounturi") && !v.equals(accountUri)) {
                return "\"" + value + "\" is limited to account " + v;
            }
            if (key.equals("validationmethods")) {
                boolean ok = false;
                for (String m : v.split(",")) {
                    ok |= m.trim().equalsIgnoreCase(method.token());
                }
                if (!ok) {
                    return "\"" + value + "\" does not allow validation method " + method.token();
                }
            }
        }
        return null;
    }

    private static ProblemDocument deny(Identifier id, String why) {
        return AcmeProblem.CAA.withDetail("Issuance for " + id.value() + " is forbidden: " + why + ".").about(id);
    }
}
