package dev.stile.acme.validation.dns;

import dev.stile.acme.problem.ProblemDocument;
import dev.stile.acme.validation.ValidationRecord;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Port: resolves the name an HTTP-01 or TLS-ALPN-01 validator must dial (A and AAAA through the
 * configured resolvers, implemented in the net module) and, when that fails, gives the {@code dns}
 * problem naming the query, the resolver and the cause, so a name that did not resolve is never
 * reported as a connection failure.
 */
@FunctionalInterface
public interface AddressResolver {

    /**
     * The outcome of resolving one name.
     *
     * @param addresses every address found, IPv6 first
     * @param dialOrder what to dial: the first IPv6 address, then the first IPv4 address (RFC 8555 §8.3
     *                  leaves the choice to the CA; one of each keeps an attempt short)
     * @param problem   why no address could be found, or {@code null}
     * @param transientFailure whether asking again later may help (timeouts, SERVFAIL)
     * @param record    the DNS step for the validation record
     */
    record Resolved(List<InetAddress> addresses, List<InetAddress> dialOrder, ProblemDocument problem,
            boolean transientFailure, ValidationRecord record) {
        public boolean ok() {
            return problem == null;
        }

        public List<String> addressStrings() {
            List<String> out = new ArrayList<>();
            addresses.forEach(a -> out.add(a.getHostAddress()));
            return out;
        }
    }

    /** Resolves {@code name}; an IP literal is returned as is, without any query. */
    Resolved resolve(String name);

    /** True for IPv4 dotted quads and anything with a colon (IPv6). */
    static boolean isIpLiteral(String host) {
        return host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || host.contains(":");
    }

    /** Parses an IP literal without any lookup. */
    static InetAddress literal(String ip) {
        try {
            return InetAddress.getByName(ip.startsWith("[") ? ip.substring(1, ip.length() - 1) : ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + ip, e);
        }
    }
}
