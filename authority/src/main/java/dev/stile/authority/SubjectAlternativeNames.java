package dev.stile.authority;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.util.IPAddress;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Subject alternative names by type. The string lists keep the caller's order; IP addresses are
 * kept as {@link InetAddress} so comparisons use canonical forms.
 *
 * @param dnsNames DNS names
 * @param ips      IP addresses (literals only; nothing is ever resolved)
 * @param emails   email addresses
 * @param uris     URIs
 */
public record SubjectAlternativeNames(List<String> dnsNames, List<InetAddress> ips, List<String> emails,
                                      List<URI> uris) {

    public SubjectAlternativeNames {
        dnsNames = List.copyOf(dnsNames);
        ips = List.copyOf(ips);
        emails = List.copyOf(emails);
        uris = List.copyOf(uris);
    }

    public static SubjectAlternativeNames none() {
        return new SubjectAlternativeNames(List.of(), List.of(), List.of(), List.of());
    }

    /**
     * Sorts token {@code sans} strings the way step-ca does (step-ca-api.md 3.3): an IP literal is
     * an IP, something with a URI scheme is a URI, something with {@code @} is an email, anything
     * else a DNS name.
     */
    public static SubjectAlternativeNames classify(List<String> values) {
        List<String> dns = new ArrayList<>();
        List<InetAddress> ips = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        List<URI> uris = new ArrayList<>();
        for (String value : values) {
            InetAddress ip = parseIpLiteral(value);
            URI uri = ip == null ? parseUriWithScheme(value) : null;
            if (ip != null) {
                ips.add(ip);
            } else if (uri != null) {
                uris.add(uri);
            } else if (value.contains("@")) {
                emails.add(value);
            } else {
                dns.add(value);
            }
        }
        return new SubjectAlternativeNames(dns, ips, emails, uris);
    }

    /** Parses an IPv4 or IPv6 literal without any DNS lookup, or returns {@code null}. */
    public static InetAddress parseIpLiteral(String value) {
        if (value == null || !(IPAddress.isValidIPv4(value) || IPAddress.isValidIPv6(value))) {
            return null;
        }
        try {
            // Only literals reach this point, so getByName does not resolve anything.
            return InetAddress.getByName(value);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static URI parseUriWithScheme(String value) {
        try {
            URI uri = new URI(value);
            return uri.getScheme() != null ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** Reads the names of a SubjectAlternativeName extension; other name types are ignored. */
    public static SubjectAlternativeNames fromGeneralNames(GeneralNames names) {
        List<String> dns = new ArrayList<>();
        List<InetAddress> ips = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        List<URI> uris = new ArrayList<>();
        for (GeneralName name : names.getNames()) {
            ASN1Encodable value = name.getName();
            switch (name.getTagNo()) {
                case GeneralName.dNSName:
                    dns.add(((ASN1String) value).getString());
                    break;
                case GeneralName.rfc822Name:
                    emails.add(((ASN1String) value).getString());
                    break;
                case GeneralName.uniformResourceIdentifier:
                    try {
                        uris.add(new URI(((ASN1String) value).getString()));
                    } catch (URISyntaxException e) {
                        throw AuthorityException.badRequest("invalid URI subject alternative name: " + e.getMessage());
                    }
                    break;
                case GeneralName.iPAddress:
                    try {
                        ips.add(InetAddress.getByAddress(ASN1OctetString.getInstance(value).getOctets()));
                    } catch (UnknownHostException e) {
                        throw AuthorityException.badRequest("invalid IP subject alternative name: " + e.getMessage());
                    }
                    break;
                default:
                    break;
            }
        }
        return new SubjectAlternativeNames(dns, ips, emails, uris);
    }

    /** Whether a GeneralName of this tag has a place here (DNS, IP, email, URI); others are dropped by {@link #fromGeneralNames}. */
    public static boolean carries(int generalNameTag) {
        return generalNameTag == GeneralName.dNSName || generalNameTag == GeneralName.iPAddress
                || generalNameTag == GeneralName.rfc822Name || generalNameTag == GeneralName.uniformResourceIdentifier;
    }

    public boolean isEmpty() {
        return dnsNames.isEmpty() && ips.isEmpty() && emails.isEmpty() && uris.isEmpty();
    }

    /** The names as an X.509 GeneralNames structure, in the order DNS, IP, email, URI. */
    public GeneralNames toGeneralNames() {
        List<GeneralName> names = new ArrayList<>();
        dnsNames.forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
        ips.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(ip.getAddress()))));
        emails.forEach(e -> names.add(new GeneralName(GeneralName.rfc822Name, e)));
        uris.forEach(u -> names.add(new GeneralName(GeneralName.uniformResourceIdentifier, u.toString())));
        return new GeneralNames(names.toArray(new GeneralName[0]));
    }

    /** The inventory's form: {@code dns:a.example}, {@code ip:10.0.0.1}, {@code email:a@b}, {@code uri:...}. */
    public List<String> toTypedStrings() {
        List<String> out = new ArrayList<>();
        dnsNames.forEach(n -> out.add("dns:" + n));
        ips.forEach(ip -> out.add("ip:" + ip.getHostAddress()));
        emails.forEach(e -> out.add("email:" + e));
        uris.forEach(u -> out.add("uri:" + u));
        return out;
    }
}
