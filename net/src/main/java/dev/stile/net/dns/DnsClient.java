package dev.stile.net.dns;

import dev.stile.acme.validation.dns.DnsServer;
import dev.stile.acme.validation.ValidationSettings;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.ConnectException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Asks the CA's own DNS servers, never the JVM's or the operating system's cache. Chooses the
 * servers by zone ({@code validation.zones}, longest suffix wins, else {@code validation.resolvers}),
 * tries them in order, and per server sends up to {@code tries} queries: the first over UDP, and
 * after a UDP timeout the next over TCP (alternating); a truncated UDP answer is repeated over TCP
 * at once. Worst case per server and record type: {@code tries x queryTimeout}. A cluster resolver that drops UDP under load
 * is therefore survived, and when a lookup does fail the {@link DnsAnswer} says exactly how.
 * Thread-safe.
 */
public final class DnsClient {

    /** More CNAME hops than this is a loop or a misconfiguration. */
    static final int MAX_CNAME_HOPS = 8;

    private final List<DnsServer> defaults;
    private final Map<String, List<DnsServer>> zones;
    private final Duration timeout;
    private final int tries;
    private final Clock clock;

    public DnsClient(List<DnsServer> defaults, Map<String, List<DnsServer>> zones, Duration timeout, int tries,
            Clock clock) {
        this.defaults = List.copyOf(defaults);
        this.zones = Map.copyOf(zones);
        this.timeout = timeout;
        this.tries = tries;
        this.clock = clock;
    }

    public DnsClient(ValidationSettings settings, Clock clock) {
        this(settings.resolvers(), settings.zones(), settings.queryTimeout(), settings.tries(), clock);
    }

    /** The servers asked for {@code name}: the forwarders of the longest matching zone, else the defaults. */
    public List<DnsServer> serversFor(String name) {
        String n = ValidationSettings.normalizeZone(name);
        String best = null;
        for (String zone : zones.keySet()) {
            boolean inside = n.equals(zone) || n.endsWith("." + zone);
            if (inside && (best == null || zone.length() > best.length())) {
                best = zone;
            }
        }
        return best == null ? defaults : zones.get(best);
    }

    /** Looks up {@code name}/{@code type} (a dnsjava {@link Type}), following CNAMEs. */
    public DnsAnswer lookup(String name, int type) {
        return lookup(name, type, serversFor(name));
    }

    /** Looks up {@code name}/{@code type} at the given servers, following CNAMEs (each hop chooses its own servers). */
    public DnsAnswer lookup(String name, int type, List<DnsServer> servers) {
        Instant start = clock.instant();
        Tally tally = new Tally();
        String current = ValidationSettings.normalizeZone(name);
        List<String> cnames = new ArrayList<>();
        List<DnsServer> useServers = servers;
        for (int hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
            int cnamesBefore = cnames.size();
            Exchange ex = exchange(current, type, useServers, tally);
            if (ex.response == null || ex.rcode != Rcode.NOERROR) {
                DnsAnswer.Status status = ex.response == null ? ex.failure
                        : ex.rcode == Rcode.NXDOMAIN ? DnsAnswer.Status.NXDOMAIN : DnsAnswer.Status.SERVER_FAILURE;
                return answer(name, type, status, ex, List.of(), cnames, tally, start);
            }
            // Walk the chain inside this answer; recursive resolvers usually include it whole.
            List<Record> answers = ex.response.getSection(Section.ANSWER);
            while (true) {
                List<Record> found = recordsAt(answers, current, type);
                if (!found.isEmpty()) {
                    return answer(name, type, DnsAnswer.Status.ANSWER, ex, found, cnames, tally, start);
                }
                String target = cnameAt(answers, current);
                if (target == null || type == Type.CNAME) {
                    break;
                }
                if (cnames.size() >= MAX_CNAME_HOPS || cnames.contains(target)) {
                    return answer(name, type, DnsAnswer.Status.NODATA, ex, List.of(), cnames, tally, start);
                }
                cnames.add(target);
                current = target;
            }
            if (cnames.size() > cnamesBefore) {
                // The server gave the CNAME but not what it points to: ask for the target ourselves.
                useServers = serversFor(current);
                continue;
            }
            return answer(name, type, DnsAnswer.Status.NODATA, ex, List.of(), cnames, tally, start);
        }
        return new DnsAnswer(name, Type.string(type), DnsAnswer.Status.NODATA, Rcode.NOERROR, List.of(), cnames,
                String.valueOf(servers), tally.udp, tally.tcp, Duration.between(start, clock.instant()),
                "more than " + MAX_CNAME_HOPS + " CNAME hops");
    }

    private DnsAnswer answer(String name, int type, DnsAnswer.Status status, Exchange ex, List<Record> records,
            List<String> cnames, Tally tally, Instant start) {
        return new DnsAnswer(ValidationSettings.normalizeZone(name), Type.string(type), status,
                ex.response == null ? -1 : ex.rcode, records, cnames, ex.resolver, tally.udp, tally.tcp,
                Duration.between(start, clock.instant()), ex.errorText);
    }

    private static List<Record> recordsAt(List<Record> answers, String owner, int type) {
        List<Record> out = new ArrayList<>();
        for (Record r : answers) {
            if (r.getType() == type && owner(r).equals(owner)) {
                out.add(r);
            }
        }
        return out;
    }

    private static String cnameAt(List<Record> answers, String owner) {
        for (Record r : answers) {
            if (r instanceof CNAMERecord && owner(r).equals(owner)) {
                return ValidationSettings.normalizeZone(((CNAMERecord) r).getTarget().toString());
            }
        }
        return null;
    }



    private static String owner(Record r) {
        return ValidationSettings.normalizeZone(r.getName().toString());
    }

    /** One question asked of a list of servers in order, with retries and TCP fallback. */
    private Exchange exchange(String name, int type, List<DnsServer> servers, Tally tally) {
        Exchange ex = new Exchange();
        Name qname;
        try {
            qname = Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            ex.failure = DnsAnswer.Status.NETWORK_ERROR;
            ex.errorText = "\"" + name + "\" is not a valid DNS name";
            ex.resolver = "(none)";
            return ex;
        }
        List<String> tried = new ArrayList<>();
        for (DnsServer server : servers) {
            tried.add(server.toString());
            ex.resolver = String.join(", ", tried);
            boolean tcp = false;
            for (int attempt = 0; attempt < tries; attempt++) {
                Message response = ask(server, qname, type, tcp, tally, ex);
                if (response == null) {
                    // A lost UDP query is retried over TCP (a resolver dropping UDP under load usually
                    // still answers TCP); a lost TCP query over UDP again.
                    tcp = !tcp;
                    continue;
                }
                int rcode = response.getRcode();
                ex.response = response;
                ex.rcode = rcode;
                if (rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN) {
                    ex.resolver = server.toString();
                    return ex;
                }
                if (rcode != Rcode.SERVFAIL) {
                    break; // REFUSED, NOTIMP, FORMERR: this server will not change its mind
                }
            }
        }
        if (ex.response == null && ex.failure == null) {
            ex.failure = DnsAnswer.Status.TIMEOUT;
        }
        return ex;
    }

    /**
     * One query to one server over UDP or TCP. A truncated UDP answer is followed at once by the
     * same query over TCP (RFC 7766), which does not count against the tries. Returns null when no
     * answer came, with the reason in {@code ex}.
     */
    private Message ask(DnsServer server, Name qname, int type, boolean tcp, Tally tally, Exchange ex) {
        if (!tcp) {
            tally.udp++;
            try {
                Message udp = resolver(server, false).send(Message.newQuery(Record.newRecord(qname, type, DClass.IN)));
                if (!udp.getHeader().getFlag(Flags.TC)) {
                    return udp;
                }
            } catch (IOException e) {
                noteFailure(e, "UDP", server, ex);
                return null;
            }
        }
        tally.tcp++;
        try {
            return resolver(server, true).send(Message.newQuery(Record.newRecord(qname, type, DClass.IN)));
        } catch (IOException e) {
            noteFailure(e, "TCP", server, ex);
            return null;
        }
    }

    /** A timeout anywhere makes the whole lookup a timeout; otherwise the network error is kept. */
    private static void noteFailure(IOException e, String transport, DnsServer server, Exchange ex) {
        if (isTimeout(e)) {
            ex.failure = DnsAnswer.Status.TIMEOUT;
        } else if (ex.failure != DnsAnswer.Status.TIMEOUT) {
            ex.failure = DnsAnswer.Status.NETWORK_ERROR;
            ex.errorText = describe(e, transport, server);
        }
    }

    private SimpleResolver resolver(DnsServer server, boolean tcp) {
        SimpleResolver r = new SimpleResolver(server.socketAddress());
        r.setTCP(tcp);
        r.setIgnoreTruncation(true); // we switch to TCP ourselves, to count the tries
        r.setTimeout(timeout);
        return r;
    }

    static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
                return true;
            }
            String m = t.getMessage();
            if (m != null && m.toLowerCase(Locale.ROOT).contains("timed out")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(IOException e, String transport, DnsServer server) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return transport + " connection to " + server + " refused";
            }
            if (t instanceof PortUnreachableException) {
                return transport + " port " + server + " unreachable (nothing listens there)";
            }
        }
        return transport + " error talking to " + server + ": " + e.getMessage();
    }

    private static final class Tally {
        int udp;
        int tcp;
    }

    private static final class Exchange {
        Message response;
        int rcode = -1;
        String resolver = "(no resolver)";
        DnsAnswer.Status failure;
        String errorText;
    }
}
