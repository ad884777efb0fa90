package dev.stile.acme.validation.dns;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One dns-persist-01 TXT record (draft-ietf-acme-dns-persist-02 §4.1): an RFC 8659 issue-value,
 * {@code issuer-domain-name; tag=value; ...}, e.g.
 * {@code ca.home.arpa; accounturi=https://ca.home.arpa:9000/acme/acme/account-hash/sha-256/...; policy=wildcard}.
 * Tags are compared in lower case; unknown tags are kept and ignored by the validator (§4.1 item 1
 * requires that, for forward compatibility).
 *
 * @param issuer       the issuer domain name, lower case, without a trailing dot (may be empty)
 * @param parameters   tag (lower case) to value, in record order; the first of a repeated tag is kept
 * @param repeatedTags tags (lower case) given more than once: such a record is malformed (§9.3.1)
 */
public record PersistRecord(String issuer, Map<String, String> parameters, java.util.Set<String> repeatedTags) {

    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9](-*[A-Za-z0-9])*");
    private static final Pattern VALUE = Pattern.compile("[\\x21-\\x3a\\x3c-\\x7e]*");

    public PersistRecord {
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        repeatedTags = repeatedTags == null ? java.util.Set.of() : java.util.Set.copyOf(repeatedTags);
    }

    public PersistRecord(String issuer, Map<String, String> parameters) {
        this(issuer, parameters, null);
    }

    /** Parses a TXT value (its strings already joined); empty when it is not an issue-value. */
    public static Optional<PersistRecord> parse(String txt) {
        String[] parts = txt.split(";", -1);
        String issuer = normalize(parts[0].trim());
        if (!issuer.isEmpty() && !issuer.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?")) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        java.util.Set<String> repeated = new java.util.TreeSet<>();
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.isEmpty()) {
                continue; // "ca.example;" with nothing after the separator
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                return Optional.empty();
            }
            String tag = p.substring(0, eq).trim();
            String value = p.substring(eq + 1).trim();
            if (!TAG.matcher(tag).matches() || !VALUE.matcher(value).matches()) {
                return Optional.empty();
            }
            if (parameters.putIfAbsent(tag.toLowerCase(Locale.ROOT), value) != null) {
                repeated.add(tag.toLowerCase(Locale.ROOT));
            }
        }
        return Optional.of(new PersistRecord(issuer, parameters, repeated));
    }

    /**
     * draft-ietf-acme-dns-persist-02 §3.1: the issuer domain names a CA offers are lower-case A-labels
     * without a trailing dot, at most 253 octets, 1 to 10 of them; all taken from the provisioner's
     * caaIdentities, so each is one of them as §3.2 requires.
     */
    public static List<String> issuerDomainNames(List<String> caaIdentities) {
        return caaIdentities.stream().map(PersistRecord::normalize)
                .filter(n -> !n.isEmpty() && n.length() <= 253).distinct().limit(10).toList();
    }

    /**
     * Lower case A-labels, no trailing dot: the normal form of issuer domain names
     * (draft-ietf-acme-dns-persist-02 §3.1, §9.2). A name IDNA cannot convert is left in lower case.
     */
    public static String normalize(String domain) {
        String d = domain.trim().toLowerCase(Locale.ROOT);
        d = d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
        try {
            return java.net.IDN.toASCII(java.text.Normalizer.normalize(d, java.text.Normalizer.Form.NFC),
                    java.net.IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return d;
        }
    }

    public Optional<String> parameter(String tag) {
        return Optional.ofNullable(parameters.get(tag.toLowerCase(Locale.ROOT)));
    }
}
