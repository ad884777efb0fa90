package dev.stile.testsupport.dns;

import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A DNS server for tests, speaking the real wire protocol over UDP and TCP on one loopback port,
 * with fault injection. It answers like a recursive resolver: authoritative for whatever records
 * it is given, chasing CNAMEs it knows, NXDOMAIN for names it has no record at all for.
 *
 * <pre>{@code
 * try (DnsResponder dns = DnsResponder.start()) {
 *     dns.addA("acme-test.home.example.net", "127.0.0.1");
 *     dns.addTxt("_acme-challenge.example.com", "digest");
 *     dns.addCname("_acme-challenge.www.example.com", "www.challenges.example.net");
 *     dns.dropUdpPercent(50);                 // lose half of the UDP queries
 *     dns.truncateUdp(true);                  // answer UDP with TC=1 only, so clients must use TCP
 *     dns.servfailFor(Duration.ofSeconds(20)); // SERVFAIL everything for 20 s, then answer again
 *     dns.silent(true);                       // never answer (UDP dropped, TCP held open unanswered)
 *     String resolver = dns.address();         // "127.0.0.1:PORT", for validation.resolvers
 *     List<DnsResponder.Query> seen = dns.queries(); // every query received, in order
 * }
 * }</pre>
 *
 * All methods are thread-safe and may be called while clients are querying. At most
 * {@value #MAX_LOGGED_QUERIES} queries are remembered; older ones are forgotten.
 */
public final class DnsResponder implements AutoCloseable {

    /** Bound of the query log, so a long test cannot exhaust memory. */
    public static final int MAX_LOGGED_QUERIES = 10_000;

    /**
     * A query the responder received.
     *
     * @param time      when it arrived
     * @param transport {@code UDP} or {@code TCP}
     * @param name      the query name, lower case, without trailing dot
     * @param type      the query type, e.g. {@code A}
     * @param answered  how it was handled: {@code answered}, {@code dropped}, {@code truncated},
     *                  {@code servfail}, {@code silent} (the answer's rcode is not recorded: NXDOMAIN
     *                  and NOERROR are both {@code answered})
     */
    public record Query(Instant time, String transport, String name, String type, String answered) {
    }

    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final Map<String, List<Record>> records = new ConcurrentHashMap<>();
    private final List<Query> log = new CopyOnWriteArrayList<>();
    private final Random random = new Random(4);
    private volatile int dropUdpPercent;
    private volatile boolean truncateUdp;
    private volatile Instant servfailUntil = Instant.MIN;
    private volatile boolean silent;
    private volatile boolean closed;

    private DnsResponder(DatagramSocket udp, ServerSocket tcp) {
        this.udp = udp;
        this.tcp = tcp;
        Thread u = new Thread(this::serveUdp, "dns-responder-udp-" + port());
        u.setDaemon(true);
        u.start();
        Thread t = new Thread(this::serveTcp, "dns-responder-tcp-" + port());
        t.setDaemon(true);
        t.start();
    }

    /** Starts a responder on 127.0.0.1 on a free port (the same number for UDP and TCP). */
    public static DnsResponder start() throws IOException {
        return start(InetAddress.getByName("127.0.0.1"));
    }

    /**
     * Starts a responder on another loopback address (e.g. 127.0.0.2, to play a zone's
     * authoritative server next to a resolver on 127.0.0.1).
     */
    public static DnsResponder start(InetAddress loopback) throws IOException {
        if (!loopback.isLoopbackAddress()) {
            throw new IllegalArgumentException("tests only listen on loopback, not " + loopback);
        }
        for (int attempt = 0; attempt < 20; attempt++) {
            DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
            try {
                ServerSocket tcp = new ServerSocket();
                tcp.setReuseAddress(true);
                tcp.bind(new InetSocketAddress(loopback, udp.getLocalPort()));
                return new DnsResponder(udp, tcp);
            } catch (IOException portTakenForTcp) {
                udp.close();
            }
        }
        throw new IOException("no free port for both UDP and TCP on 127.0.0.1");
    }

    public int port() {
        return udp.getLocalPort();
    }

    /** {@code 127.0.0.1:PORT}, the form {@code validation.resolvers} takes. */
    public String address() {
        return udp.getLocalAddress().getHostAddress() + ":" + port();
    }

    // ---- records -------------------------------------------------------------------------------

    /** Adds an A or AAAA record (chosen by the address family). */
    public DnsResponder addA(String name, String address) {
        try {
            InetAddress a = InetAddress.getByName(address);
            int type = a.getAddress().length == 4 ? Type.A : Type.AAAA;
            return add(Record.fromString(name(name), type, DClass.IN, 60, a.getHostAddress(), Name.root));
        } catch (IOException e) {
            throw new IllegalArgumentException(address, e);
        }
    }

    /** Adds a TXT record with one string. */
    public DnsResponder addTxt(String name, String value) {
        try {
            return add(Record.fromString(name(name), Type.TXT, DClass.IN, 60, "\"" + value + "\"", Name.root));
        } catch (IOException e) {
            throw new IllegalArgumentException(value, e);
        }
    }

    /** Adds a CNAME from {@code name} to {@code target}. */
    public DnsResponder addCname(String name, String target) {
        return add(new CNAMERecord(name(name), DClass.IN, 60, name(target)));
    }

    /** Adds a record given in zone-file syntax after the name, e.g. {@code CAA 0 issue "ca.example"}. */
    public DnsResponder add(String name, String type, String rdata) {
        try {
            return add(Record.fromString(name(name), Type.value(type), DClass.IN, 60, rdata, Name.root));
        } catch (IOException e) {
            throw new IllegalArgumentException(rdata, e);
        }
    }

    public DnsResponder add(Record record) {
        records.computeIfAbsent(key(record.getName()), k -> new CopyOnWriteArrayList<>()).add(record);
        return this;
    }

    /** Removes every record of {@code type} (e.g. {@code "TXT"}) at {@code name}. */
    public DnsResponder remove(String name, String type) {
        List<Record> at = records.get(key(name(name)));
        if (at != null) {
            at.removeIf(r -> r.getType() == Type.value(type));
        }
        return this;
    }

    /** Removes every record. */
    public DnsResponder clear() {
        records.clear();
        return this;
    }
    // ---- faults --------------------------------------------------------------------------------

    /** Silently drops this percentage (0-100) of UDP queries; TCP is unaffected. Deterministic seed. */
    public DnsResponder dropUdpPercent(int percent) {
        this.dropUdpPercent = percent;
        return this;
    }

    /** When on, every UDP answer is an empty response with the TC bit, so clients must retry over TCP. */
    public DnsResponder truncateUdp(boolean on) {
        this.truncateUdp = on;
        return this;
    }

    /** Answers SERVFAIL to everything (UDP and TCP) for the next {@code period}. */
    public DnsResponder servfailFor(Duration period) {
        this.servfailUntil = Instant.now().plus(period);
        return this;
    }

    /** When on, never answers: UDP queries are dropped, TCP connections get no reply. */
    public DnsResponder silent(boolean on) {
        this.silent = on;
        return this;
    }

    // ---- observation ---------------------------------------------------------------------------

    /** Every query received (at most the last {@value #MAX_LOGGED_QUERIES}), oldest first. */
    public List<Query> queries() {
        return List.copyOf(log);
    }

    /** The queries received for {@code name} (any type, any transport). */
    public List<Query> queriesFor(String name) {
        String n = name.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
        List<Query> out = new ArrayList<>();
        for (Query q : log) {
            if (q.name().equals(n)) {
                out.add(q);
            }
        }
        return out;
    }

    public void clearQueries() {
        log.clear();
    }

    @Override
    public void close() {
        closed = true;
        udp.close();
        try {
            tcp.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    // ---- serving -------------------------------------------------------------------------------

    private void serveUdp() {
        byte[] buf = new byte[65535];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            try {
                udp.receive(packet);
                byte[] in = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
                byte[] out = respond(in, "UDP");
                if (out != null) {
                    udp.send(new DatagramPacket(out, out.length, packet.getSocketAddress()));
                }
            } catch (SocketException e) {
                return; // closed
            } catch (IOException e) {
                continue; // a bad packet: ignore it, like a real server
            }
        }
    }

    private void serveTcp() {
        while (!closed) {
            try {
                Socket s = tcp.accept();
                Thread t = new Thread(() -> serveTcpConnection(s), "dns-responder-tcp-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serveTcpConnection(Socket s) {
        try (s) {
            s.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(s.getInputStream());
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            while (!closed) {
                int len = in.readUnsignedShort();
                byte[] query = in.readNBytes(len);
                byte[] answer = respond(query, "TCP");
                if (answer == null) {
                    continue; // silent: keep the connection open without a word, like a hung server
                }
                out.writeShort(answer.length);
                out.write(answer);
                out.flush();
            }
        } catch (IOException e) {
            // client went away
        }
    }

    private byte[] respond(byte[] wire, String transport) throws IOException {
        Message query = new Message(wire);
        Record question = query.getQuestion();
        if (question == null) {
            return null;
        }
        String qname = key(question.getName());
        String qtype = Type.string(question.getType());
        String handling = handling(transport);
        if (log.size() >= MAX_LOGGED_QUERIES) {
            log.remove(0);
        }
        log.add(new Query(Instant.now(), transport, qname, qtype, handling));
        if (handling.equals("dropped") || handling.equals("silent")) {
            return null;
        }
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.RA);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        response.getHeader().setOpcode(Opcode.QUERY);
        response.addRecord(question, Section.QUESTION);
        if (handling.equals("servfail")) {
            response.getHeader().setRcode(Rcode.SERVFAIL);
        } else if (handling.equals("truncated")) {
            response.getHeader().setFlag(Flags.TC);
        } else {
            fillAnswer(response, question.getName(), question.getType());
        }
        return response.toWire(transport.equals("UDP") ? 512 : 65535);
    }

    private String handling(String transport) {
        if (silent) {
            return "silent";
        }
        if (transport.equals("UDP")) {
            int drop = dropUdpPercent;
            boolean dropIt;
            synchronized (random) {
                dropIt = drop > 0 && random.nextInt(100) < drop;
            }
            if (dropIt) {
                return "dropped";
            }
        }
        if (Instant.now().isBefore(servfailUntil)) {
            return "servfail";
        }
        if (transport.equals("UDP") && truncateUdp) {
            return "truncated";
        }
        return "answered";
    }

    private void fillAnswer(Message response, Name qname, int qtype) {
        Name current = qname;
        for (int hop = 0; hop < 10; hop++) {
            List<Record> at = records.get(key(current));
            if (at == null || at.isEmpty()) {
                if (hop == 0) {
                    response.getHeader().setRcode(Rcode.NXDOMAIN);
                }
                return;
            }
            boolean found = false;
            CNAMERecord cname = null;
            for (Record r : at) {
                if (r.getType() == qtype || qtype == Type.ANY) {
                    response.addRecord(r, Section.ANSWER);
                    found = true;
                } else if (r instanceof CNAMERecord) {
                    cname = (CNAMERecord) r;
                }
            }
            if (found || cname == null) {
                return;
            }
            response.addRecord(cname, Section.ANSWER);
            current = cname.getTarget();
        }
    }

    private static Name name(String name) {
        try {
            return Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException(name, e);
        }
    }

    private static String key(Name name) {
        String s = name.toString().toLowerCase(Locale.ROOT);
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
