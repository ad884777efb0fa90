package dev.stile.net.dns;

import dev.stile.acme.problem.AcmeProblem;
import dev.stile.acme.validation.ValidationRecord;
import dev.stile.acme.validation.dns.AddressResolver;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves the name a validator must dial (A and AAAA through {@link DnsClient}) and, when that
 * fails, produces the {@code dns} problem that names the query, the resolver and the cause, so a
 * name that did not resolve is never reported as a connection failure.
 */
public final class AddressLookup implements AddressResolver {

    private final DnsClient dns;
    private final Clock clock;

    public AddressLookup(DnsClient dns, Clock clock) {
        this.dns = dns;
        this.clock = clock;
    }

    /** Resolves {@code name}; an IP literal is returned as is, without any query. */
    @Override
    public Resolved resolve(String name) {
        if (isIpLiteral(name)) {
            InetAddress ip = literal(name);
            return new Resolved(List.of(ip), List.of(ip), null, false,
                    new ValidationRecord(clock.instant(), name, null, null, List.of(ip.getHostAddress()), null, null,
                            null, "IP address, no DNS lookup"));
        }
        DnsAnswer v6 = dns.lookup(name, Type.AAAA);
        DnsAnswer v4 = dns.lookup(name, Type.A);
        List<InetAddress> six = addresses(v6.records());
        List<InetAddress> four = addresses(v4.records());
        List<InetAddress> all = new ArrayList<>(six);
        all.addAll(four);
        List<InetAddress> dial = new ArrayList<>();
        if (!six.isEmpty()) {
            dial.add(six.get(0));
        }
        if (!four.isEmpty()) {
            dial.add(four.get(0));
        }
        String resolver = v4.resolver().equals(v6.resolver()) ? v4.resolver() : v6.resolver() + ", " + v4.resolver();
        List<String> shown = new ArrayList<>();
        all.forEach(a -> shown.add(a.getHostAddress()));
        ValidationRecord rec = new ValidationRecord(clock.instant(), name, null, null, shown, null, resolver,
                "A/AAAA " + name, "AAAA: " + v6.summary() + "; A: " + v4.summary());
        if (!all.isEmpty()) {
            return new Resolved(all, dial, null, false, rec);
        }
        String prefix = "DNS lookup of A/AAAA " + name + " via " + resolver + " ";
        if (v4.status() == DnsAnswer.Status.NXDOMAIN || v6.status() == DnsAnswer.Status.NXDOMAIN) {
            DnsAnswer nx = v4.status() == DnsAnswer.Status.NXDOMAIN ? v4 : v6;
            return failed(prefix + nx.failureReason() + ".", false, rec);
        }
        DnsAnswer bad = v4.isTransientFailure() ? v4 : v6.isTransientFailure() ? v6 : null;
        if (bad != null) {
            DnsAnswer both = v4.status() == v6.status() ? merged(v6, v4) : bad;
            String which = v4.status() == v6.status() ? "" : "(" + bad.type() + ") ";
            return failed(prefix + which + both.failureReason() + ".", true, rec);
        }
        return failed(prefix + "found neither an A nor an AAAA record (" + v4.rcodeName() + ").", false, rec);
    }

    private Resolved failed(String detail, boolean transientFailure, ValidationRecord rec) {
        return new Resolved(List.of(), List.of(), AcmeProblem.DNS.withDetail(detail), transientFailure, rec);
    }

    private static DnsAnswer merged(DnsAnswer a, DnsAnswer b) {
        return new DnsAnswer(a.name(), "A/AAAA", a.status(), a.rcode(), List.of(), List.of(), a.resolver(),
                a.udpTries() + b.udpTries(), a.tcpTries() + b.tcpTries(), a.elapsed().plus(b.elapsed()), a.errorText());
    }

    private static List<InetAddress> addresses(List<Record> records) {
        List<InetAddress> out = new ArrayList<>();
        for (Record r : records) {
            if (r instanceof ARecord) {
                out.add(((ARecord) r).getAddress());
            } else if (r instanceof AAAARecord) {
                out.add(((AAAARecord) r).getAddress());
            }
        }
        return out;
    }

    /** True for IPv4 dotted quads and anything with a colon (IPv6). */
    public static boolean isIpLiteral(String host) {
        return AddressResolver.isIpLiteral(host);
    }

    /** Parses an IP literal without any lookup. */
    public static InetAddress literal(String ip) {
        return AddressResolver.literal(ip);
    }

}
