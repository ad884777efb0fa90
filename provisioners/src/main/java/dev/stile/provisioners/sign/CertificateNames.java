package dev.stile.provisioners.sign;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The names a certificate will carry: the subject common name and the subject alternative names by
 * type. IP addresses are canonical strings (as {@code InetAddress.getHostAddress()} gives them).
 *
 * @param commonName     subject CN, {@code ""} for none
 * @param dnsNames       dNSName SANs
 * @param ipAddresses    iPAddress SANs
 * @param emailAddresses rfc822Name SANs
 * @param uris           uniformResourceIdentifier SANs
 */
public record CertificateNames(String commonName, List<String> dnsNames, List<String> ipAddresses,
                               List<String> emailAddresses, List<String> uris) {

    public CertificateNames {
        commonName = commonName == null ? "" : commonName;
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
        emailAddresses = List.copyOf(emailAddresses);
        uris = List.copyOf(uris);
    }

    /** Sorts token {@code sans} into types as step-ca does (IP, then URI with scheme, then e-mail, else DNS). */
    public static CertificateNames fromSans(String commonName, List<String> sans) {
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        List<String> uris = new ArrayList<>();
        for (String s : sans) {
            switch (SanType.of(s)) {
                case IP:
                    ips.add(SanType.canonicalIp(s));
                    break;
                case URI:
                    uris.add(s);
                    break;
                case EMAIL:
                    emails.add(s);
                    break;
                default:
                    dns.add(s);
            }
        }
        return new CertificateNames(commonName, dns, ips, emails, uris);
    }

    /** Every SAN as {@code type:value}, the form of {@code CertificateRecord.sans}. */
    public List<String> typedSans() {
        List<String> out = new ArrayList<>();
        dnsNames.forEach(n -> out.add("dns:" + n));
        ipAddresses.forEach(n -> out.add("ip:" + n));
        emailAddresses.forEach(n -> out.add("email:" + n));
        uris.forEach(n -> out.add("uri:" + n));
        return out;
    }

    /** True when there is no SAN at all. */
    public boolean hasNoSans() {
        return dnsNames.isEmpty() && ipAddresses.isEmpty() && emailAddresses.isEmpty() && uris.isEmpty();
    }

    /** SAN types; the classification step-ca applies to token {@code sans}. */
    public enum SanType {
        DNS, IP, EMAIL, URI;

        // Compiled once: String.matches compiled each pattern again for every SAN of every token
        // (JFR: java.util.regex.Pattern was ~5 % of the /1.0/sign load's allocation).
        private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
        private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");
        private static final Pattern URI_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");

        static SanType of(String s) {
            if (isIpLiteral(s)) {
                return IP;
            }
            int colon = s.indexOf(':');
            if (colon > 0 && URI_SCHEME.matcher(s.substring(0, colon)).matches()) {
                try {
                    if (new java.net.URI(s).getScheme() != null) {
                        return URI;
                    }
                } catch (java.net.URISyntaxException ignored) {
                    // not a URI
                }
            }
            return s.contains("@") ? EMAIL : DNS;
        }

        static boolean isIpLiteral(String s) {
            if (IPV4.matcher(s).matches()) {
                for (String part : s.split("\\.")) {
                    if (Integer.parseInt(part) > 255) {
                        return false;
                    }
                }
                return true;
            }
            return s.contains(":") && IPV6_CHARS.matcher(s).matches() && canonicalIpOrNull(s) != null;
        }

        static String canonicalIp(String s) {
            String c = canonicalIpOrNull(s);
            return c == null ? s.toLowerCase(Locale.ROOT) : c;
        }

        private static String canonicalIpOrNull(String s) {
            try {
                // Literal only (validated by the patterns above), so no DNS lookup happens.
                return java.net.InetAddress.getByName(s).getHostAddress();
            } catch (java.net.UnknownHostException e) {
                return null;
            }
        }
    }
}
