package dev.stile.net.dns;

import dev.stile.acme.validation.dns.DnsServer;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

import dev.stile.acme.validation.egress.EgressPolicy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the authoritative servers of the zone that holds a name (the closest enclosing NS set,
 * looked up through the configured resolvers), so a TXT record can be read at the source rather
 * than from a cache that may still hold a negative answer ({@code validation.authoritative}).
 * Their addresses come from DNS, so each is judged by the egress policy; refused ones are skipped
 * (the configured resolvers are the operator's choice and are not judged).
 */
public final class AuthoritativeServers {

    private final DnsClient dns;
    private final AddressLookup addresses;
    private final int port;

    /**
     * @param port the port the authoritative servers listen on: 53 in production, another in tests
     */
    public AuthoritativeServers(DnsClient dns, AddressLookup addresses, int port) {
        this.dns = dns;
        this.addresses = addresses;
        this.port = port;
    }

    /**
     * The servers for {@code name}'s zone that {@code policy} allows, at most four, or an empty list
     * when none could be found (then the configured resolvers are asked).
     */
    public List<DnsServer> forName(String name, EgressPolicy policy) {
        String candidate = name;
        while (candidate.contains(".")) {
            DnsAnswer ns = dns.lookup(candidate, Type.NS);
            if (ns.status() == DnsAnswer.Status.ANSWER) {
                List<DnsServer> out = new ArrayList<>();
                for (Record r : ns.records()) {
                    String host = ((NSRecord) r).getTarget().toString();
                    for (InetAddress a : addresses.resolve(host.replaceAll("\\.$", "")).addresses()) {
                        if (out.size() < 4 && policy.refusal(a).isEmpty()) {
                            out.add(new DnsServer(a.getHostAddress(), port));
                        }
                    }
                }
                return out;
            }
            if (ns.isTransientFailure()) {
                return List.of();
            }
            candidate = candidate.substring(candidate.indexOf('.') + 1);
        }
        return List.of();
    }
}
