package dev.stile.provisioners.policy;

import dev.stile.provisioners.ProvisionerConfigException;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One side (allow or deny) of an x509 policy: lists of DNS, IP, e-mail, URI and CN rules.
 *
 * <p>Matching: DNS {@code example.com} matches only that name, {@code *.example.com} matches exactly
 * one more label ({@code www.example.com}, not {@code a.b.example.com}, not {@code example.com});
 * IP rules are single addresses or CIDR ranges; e-mail rules are a full address, or a domain
 * ({@code example.com} or {@code @example.com}) matching every mailbox there; URI rules match the
 * URI's host like DNS rules; CN rules match the exact string.
 */
final class NameRules {

    final List<String> dns;
    final List<Cidr> ips;
    final List<String> emails;
    final List<String> uris;
    final List<String> cns;

    private NameRules(List<String> dns, List<Cidr> ips, List<String> emails, List<String> uris, List<String> cns) {
        this.dns = dns;
        this.ips = ips;
        this.emails = emails;
        this.uris = uris;
        this.cns = cns;
    }

    static NameRules parse(com.fasterxml.jackson.databind.JsonNode node, String where) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return new NameRules(List.of(), List.of(), List.of(), List.of(), List.of());
        }
        List<Cidr> ips = new ArrayList<>();
        for (String ip : strings(node, "ip", where)) {
            ips.add(Cidr.parse(ip, where + ".ip"));
        }
        return new NameRules(lower(strings(node, "dns", where)), ips, lower(strings(node, "email", where)),
                lower(strings(node, "uri", where)), strings(node, "cn", where));
    }

    int count() {
        return dns.size() + ips.size() + emails.size() + uris.size() + cns.size();
    }

    String matchDns(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (String rule : dns) {
            if (dnsMatches(rule, n)) {
                return rule;
            }
        }
        return null;
    }

    String matchIp(String ip) {
        for (Cidr c : ips) {
            if (c.contains(ip)) {
                return c.text;
            }
        }
        return null;
    }

    String matchEmail(String email) {
        String e = email.toLowerCase(Locale.ROOT);
        String domain = e.substring(e.lastIndexOf('@') + 1);
        for (String rule : emails) {
            if (rule.contains("@") && !rule.startsWith("@") ? rule.equals(e)
                    : dnsMatches(rule.startsWith("@") ? rule.substring(1) : rule, domain)) {
                return rule;
            }
        }
        return null;
    }

    String matchUri(String uri) {
        String host;
        try {
            host = URI.create(uri).getHost();
        } catch (IllegalArgumentException e) {
            host = null;
        }
        if (host == null) {
            return null;
        }
        for (String rule : uris) {
            if (dnsMatches(rule, host.toLowerCase(Locale.ROOT))) {
                return rule;
            }
        }
        return null;
    }

    String matchCn(String cn) {
        return cns.contains(cn) ? cn : null;
    }

    static boolean dnsMatches(String rule, String name) {
        if (rule.startsWith("*.")) {
            String suffix = rule.substring(1);
            if (!name.endsWith(suffix)) {
                return false;
            }
            String label = name.substring(0, name.length() - suffix.length());
            return !label.isEmpty() && !label.contains(".");
        }
        return rule.equals(name);
    }

    private static List<String> lower(List<String> in) {
        return in.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    private static List<String> strings(com.fasterxml.jackson.databind.JsonNode node, String key, String where) {
        com.fasterxml.jackson.databind.JsonNode v = node.get(key);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw new ProvisionerConfigException(where + "." + key + " must be an array of strings");
        }
        v.forEach(e -> out.add(e.asText().trim()));
        return out;
    }

    /** An IP range: an address with a prefix length (a plain address is a /32 or /128). */
    static final class Cidr {
        final String text;
        private final BigInteger network;
        private final int prefix;
        private final int bits;

        private Cidr(String text, BigInteger network, int prefix, int bits) {
            this.text = text;
            this.network = network;
            this.prefix = prefix;
            this.bits = bits;
        }

        static Cidr parse(String text, String where) {
            String addr = text;
            int prefix = -1;
            int slash = text.indexOf('/');
            if (slash > 0) {
                addr = text.substring(0, slash);
                try {
                    prefix = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw new ProvisionerConfigException(where + ": \"" + text + "\" has no valid prefix length");
                }
            }
            if (!addr.matches("[0-9A-Fa-f:.]+")) {
                throw new ProvisionerConfigException(where + ": \"" + text + "\" is not an IP address or CIDR range");
            }
            try {
                byte[] raw = InetAddress.getByName(addr).getAddress();
                int bits = raw.length * 8;
                if (prefix < 0) {
                    prefix = bits;
                }
                if (prefix > bits) {
                    throw new ProvisionerConfigException(where + ": \"" + text + "\" prefix is longer than " + bits);
                }
                return new Cidr(text, mask(new BigInteger(1, raw), prefix, bits), prefix, bits);
            } catch (UnknownHostException e) {
                throw new ProvisionerConfigException(where + ": \"" + text + "\" is not an IP address or CIDR range");
            }
        }

        boolean contains(String ip) {
            try {
                byte[] raw = InetAddress.getByName(ip).getAddress();
                return raw.length * 8 == bits && mask(new BigInteger(1, raw), prefix, bits).equals(network);
            } catch (UnknownHostException e) {
                return false;
            }
        }

        private static BigInteger mask(BigInteger v, int prefix, int bits) {
            return v.shiftRight(bits - prefix);
        }
    }
}
