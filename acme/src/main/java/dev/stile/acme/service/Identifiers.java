package dev.stile.acme.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.problem.AcmeException;
import dev.stile.acme.problem.AcmeProblem;
import dev.stile.acme.problem.ProblemDocument;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Normalises and validates requested identifiers (RFC 8555 §7.1.3, §7.4; RFC 8738 for ip). All
 * problems are collected and reported at once as subproblems naming each identifier (§6.7.1).
 */
public final class Identifiers {

    public static final int MAX_IDENTIFIERS = 100;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private Identifiers() {
    }

    /** Parses the {@code identifiers} array of a newOrder/newAuthz payload. */
    public static List<Identifier> parse(JsonNode array) {
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw AcmeException.malformed("\"identifiers\" must be a non-empty array");
        }
        if (array.size() > MAX_IDENTIFIERS) {
            throw new AcmeException(AcmeProblem.REJECTED_IDENTIFIER,
                    "an order may have at most " + MAX_IDENTIFIERS + " identifiers, this one has " + array.size());
        }
        List<Identifier> raw = new ArrayList<>();
        for (JsonNode n : array) {
            if (!n.path("type").isTextual() || !n.path("value").isTextual()) {
                throw AcmeException.malformed("each identifier needs a string \"type\" and \"value\"");
            }
            raw.add(new Identifier(n.get("type").asText(), n.get("value").asText()));
        }
        return normalise(raw);
    }

    /** The normalised, de-duplicated identifiers, or an exception listing every bad one. */
    public static List<Identifier> normalise(List<Identifier> raw) {
        Set<Identifier> out = new LinkedHashSet<>();
        List<ProblemDocument> problems = new ArrayList<>();
        for (Identifier id : raw) {
            try {
                out.add(normalise(id));
            } catch (AcmeException e) {
                problems.add(e.problem().about(id));
            }
        }
        if (!problems.isEmpty()) {
            throw new AcmeException(combine(problems));
        }
        return List.copyOf(out);
    }

    /** One problem with the subproblems; the top type is theirs if they agree, else compound. */
    static ProblemDocument combine(List<ProblemDocument> problems) {
        String type = problems.get(0).type();
        boolean same = problems.stream().allMatch(p -> p.type().equals(type));
        String detail = problems.size() == 1 ? problems.get(0).detail()
                : problems.size() + " identifiers were refused, see subproblems";
        ProblemDocument top = same
                ? new ProblemDocument(type, detail, problems.get(0).status(), null, null)
                : AcmeProblem.COMPOUND.withDetail(detail);
        return top.withSubproblems(problems);
    }

    static Identifier normalise(Identifier id) {
        if (Identifier.DNS.equals(id.type())) {
            return Identifier.dns(dnsName(id.value()));
        }
        if (Identifier.IP.equals(id.type())) {
            return Identifier.ip(ipAddress(id.value()));
        }
        throw new AcmeException(AcmeProblem.UNSUPPORTED_IDENTIFIER,
                "identifier type \"" + id.type() + "\" is not supported; use dns or ip");
    }

    static String dnsName(String value) {
        String name = value.toLowerCase(Locale.ROOT);
        if (IPV4.matcher(name).matches() || name.contains(":")) {
            throw AcmeException.malformed("\"" + value + "\" is an IP address; request it with type \"ip\"");
        }
        if (name.endsWith(".")) {
            throw new AcmeException(AcmeProblem.REJECTED_IDENTIFIER, "\"" + value + "\" must not end with a dot");
        }
        if (name.length() > 253) {
            throw new AcmeException(AcmeProblem.REJECTED_IDENTIFIER, "\"" + value + "\" is longer than 253 characters");
        }
        String base = name.startsWith("*.") ? name.substring(2) : name;
        String[] labels = base.split("\\.", -1);
        if (labels.length < 2) {
            throw new AcmeException(AcmeProblem.REJECTED_IDENTIFIER,
                    "\"" + value + "\" is not a fully qualified domain name" + (name.startsWith("*.") ? " below the wildcard" : ""));
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new AcmeException(AcmeProblem.REJECTED_IDENTIFIER, "\"" + value + "\" has an invalid label \""
                        + label + "\" (letters, digits and inner hyphens only; wildcards only as the whole first label; IDNs as xn--)");
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            throw new AcmeException(AcmeProblem.REJECTED_IDENTIFIER, "\"" + value + "\" has an all-numeric top-level label");
        }
        return name;
    }

    static String ipAddress(String value) {
        java.util.regex.Matcher m = IPV4.matcher(value);
        if (m.matches()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i <= 4; i++) {
                String part = m.group(i);
                if ((part.length() > 1 && part.startsWith("0")) || Integer.parseInt(part) > 255) {
                    throw malformedIp(value);
                }
                sb.append(i > 1 ? "." : "").append(Integer.parseInt(part));
            }
            return sb.toString();
        }
        if (!value.contains(":") || !value.matches("[0-9A-Fa-f:.]+")) {
            throw malformedIp(value);
        }
        try {
            // A literal containing ':' is parsed, never resolved.
            byte[] bytes = java.net.InetAddress.getByName(value).getAddress();
            if (bytes.length != 16) {
                throw malformedIp(value);
            }
            return Ipv6Text.format(bytes);
        } catch (java.net.UnknownHostException e) {
            throw malformedIp(value);
        }
    }

    private static AcmeException malformedIp(String value) {
        return AcmeException.malformed("\"" + value + "\" is not an IPv4 or IPv6 address");
    }
}
