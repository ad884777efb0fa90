package dev.stile.server.e2e;

import dev.stile.testsupport.Requirements;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real authoritative DNS server for the test names: Knot DNS ({@code knotd}) on a free port of
 * 127.0.0.1, serving one zone from a temporary folder and accepting dynamic updates (RFC 2136)
 * from loopback, which is how the clients' hook scripts publish their dns-01 TXT records. The
 * CA under test uses it as its only resolver.
 */
final class KnotDns implements AutoCloseable {

    static final String ZONE = "stile.test";

    private final Process process;
    private final Path log;
    private final int port;
    private final String knsupdate;

    private KnotDns(Process process, Path log, int port, String knsupdate) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.knsupdate = knsupdate;
    }

    /**
     * Starts knotd with the zone {@value #ZONE}, in which each of {@code hosts} (relative names
     * like {@code a}) has an A record for {@code address}.
     */
    static KnotDns start(Workspace workspace, List<String> hosts, String address) {
        String knotd = Requirements.program("knotd", "knot");
        String knsupdate = Requirements.program("knsupdate", "knot-dnsutils");
        Path dir = workspace.directory("knot");
        int port = LoopbackPorts.freeTcpAndUdpPort(LoopbackPorts.SERVER_ADDRESS);
        write(dir.resolve("knot.conf"), config(dir, port));
        write(dir.resolve(ZONE + ".zone"), zone(hosts, address));
        Path log = workspace.log("knotd");
        Process process = ExternalProgram.start(log, Map.of(),
                List.of(knotd, "-c", dir.resolve("knot.conf").toString()));
        KnotDns dns = new KnotDns(process, log, port, knsupdate);
        dns.awaitAnswering(hosts.get(0) + "." + ZONE);
        return dns;
    }

    /** {@code 127.0.0.1:PORT}, for {@code validation.resolvers} and clients' resolver flags. */
    String address() {
        return LoopbackPorts.SERVER_ADDRESS + ":" + port;
    }

    int port() {
        return port;
    }

    String knsupdatePath() {
        return knsupdate;
    }

    /**
     * Adds ({@code "add"}) or removes ({@code "delete"}) a TXT record with {@code knsupdate}, as an
     * administrator would; {@code value} may hold several quoted strings.
     */
    void updateTxt(Workspace workspace, String operation, String name, String value) {
        Path script = workspace.root().resolve("knsupdate-" + System.nanoTime() + ".txt");
        write(script, "server " + LoopbackPorts.SERVER_ADDRESS + " " + port + "\n"
                + "zone " + ZONE + ".\n"
                + "update " + operation + " " + (name.endsWith(".") ? name : name + ".") + " 60 TXT " + value + "\n"
                + "send\n");
        ExternalProgram.run(workspace.log("knsupdate"), Map.of(), Duration.ofSeconds(20), List.of(knsupdate,
                script.toString())).assertSucceeded();
    }

    /** The TXT strings at {@code name} right now, asked of the server itself. */
    List<String> txt(String name) {
        Message response = query(name, Type.TXT);
        List<String> values = new ArrayList<>();
        for (Record r : response.getSection(Section.ANSWER)) {
            if (r instanceof TXTRecord) {
                values.addAll(((TXTRecord) r).getStrings());
            }
        }
        return values;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitAnswering(String name) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("knotd exited with code " + process.exitValue() + ":\n"
                        + ExternalProgram.tail(ExternalProgram.read(log)));
            }
            try {
                if (query(name, Type.A).getRcode() == Rcode.NOERROR) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            pause();
        }
        close();
        throw new AssertionError("knotd did not answer for " + name + " within 20 s (" + last + "):\n"
                + ExternalProgram.tail(ExternalProgram.read(log)));
    }

    private Message query(String name, int type) {
        try {
            SimpleResolver resolver = new SimpleResolver(InetAddress.getByName(LoopbackPorts.SERVER_ADDRESS));
            resolver.setPort(port);
            resolver.setTimeout(Duration.ofMillis(500));
            Name absolute = Name.fromString(name.endsWith(".") ? name : name + ".");
            Record question = Record.newRecord(absolute, type, DClass.IN);
            return resolver.send(Message.newQuery(question));
        } catch (IOException e) {
            throw new UncheckedIOException("DNS query for " + name + " to " + address() + " failed", e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** One worker of each kind: the tests send a handful of queries, and the machine has 2 cores. */
    private static String config(Path dir, int port) {
        return "server:\n"
                + "    listen: " + LoopbackPorts.SERVER_ADDRESS + "@" + port + "\n"
                + "    rundir: " + dir + "\n"
                + "    udp-workers: 1\n"
                + "    tcp-workers: 1\n"
                + "    background-workers: 1\n"
                + "log:\n"
                + "  - target: stderr\n"
                + "    any: info\n"
                + "database:\n"
                + "    storage: " + dir.resolve("db") + "\n"
                + "acl:\n"
                + "  - id: loopback_update\n"
                + "    address: 127.0.0.0/8\n"
                + "    action: update\n"
                + "zone:\n"
                + "  - domain: " + ZONE + "\n"
                + "    storage: " + dir + "\n"
                + "    file: " + ZONE + ".zone\n"
                + "    acl: loopback_update\n"
                // Updates live in memory only: nothing to sync, no journal to grow.
                + "    zonefile-sync: -1\n"
                + "    journal-content: none\n";
    }

    private static String zone(List<String> hosts, String address) {
        StringBuilder zone = new StringBuilder()
                .append("$ORIGIN ").append(ZONE).append(".\n")
                .append("$TTL 60\n")
                .append("@ SOA ns.").append(ZONE).append(". hostmaster.").append(ZONE).append(". 1 3600 600 86400 60\n")
                .append("@ NS ns.").append(ZONE).append(".\n")
                .append("ns A ").append(LoopbackPorts.SERVER_ADDRESS).append('\n');
        for (String host : hosts) {
            zone.append(host).append(" A ").append(address).append('\n');
        }
        return zone.toString();
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
