package dev.stile.net.dns;

import dev.stile.acme.validation.dns.DnsServer;
import com.code_intelligence.jazzer.api.BugDetectors;
import org.xbill.DNS.Type;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Fuzz target: a DNS server's reply as the dns-01 and CAA lookups receive it. A responder on
 * 127.0.0.1 answers every query, over UDP and over TCP (after a truncated reply), with the input
 * (its first two bytes replaced by the query's ID, so the client does not discard it as someone
 * else's reply); {@link DnsClient#lookup} must turn
 * whatever arrives into a {@link DnsAnswer}, which is its documented contract: it never throws.
 * Any exception is a crash.
 */
public final class DnsAnswerFuzzer {

    private static final Responder RESPONDER = Responder.start();
    private static final DnsClient CLIENT = new DnsClient(List.of(new DnsServer("127.0.0.1", RESPONDER.port())),
            Map.of(), Duration.ofMillis(250), 1, Clock.systemUTC());

    private DnsAnswerFuzzer() {
    }

    static {
        // The client's only destination is this responder (UDP, and TCP after a truncated reply);
        // under Jazzer the SSRF detector would report that connection. Without Jazzer's agent
        // (the corpus replay) there is no detector and the call refuses: nothing to allow then.
        try {
            Class.forName("com.code_intelligence.jazzer.sanitizers.ServerSideRequestForgery");
            BugDetectors.allowNetworkConnections((host, port) -> port == RESPONDER.port()
                    && ("127.0.0.1".equals(host) || "localhost".equals(host)));
        } catch (ClassNotFoundException | IllegalStateException noDetector) {
            // not running under Jazzer
        }
    }

    public static void fuzzerTestOneInput(byte[] data) {
        RESPONDER.reply = data;
        for (int type : new int[] {Type.TXT, Type.CAA, Type.A}) {
            DnsAnswer answer = CLIENT.lookup("_acme-challenge.a.test.", type);
            answer.summary();
            answer.failureReason();
            answer.rcodeName();
        }
    }

    /** Answers each query with the current input, stamped with the query's ID. */
    private static final class Responder implements Runnable {
        private final DatagramSocket socket;
        private final ServerSocket tcp;
        volatile byte[] reply = new byte[0];

        private Responder(DatagramSocket socket, ServerSocket tcp) {
            this.socket = socket;
            this.tcp = tcp;
        }

        static Responder start() {
            try {
                InetAddress loopback = InetAddress.getByName("127.0.0.1");
                DatagramSocket udp = new DatagramSocket(0, loopback);
                Responder r = new Responder(udp, new ServerSocket(udp.getLocalPort(), 16, loopback));
                daemon(r, "fuzz-dns-udp");
                daemon(r::serveTcp, "fuzz-dns-tcp");
                return r;
            } catch (IOException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private static void daemon(Runnable work, String name) {
            Thread t = new Thread(work, name);
            t.setDaemon(true);
            t.start();
        }

        /** DNS over TCP (RFC 1035 §4.2.2): two length bytes, then the message. */
        private void serveTcp() {
            while (true) {
                try (Socket s = tcp.accept()) {
                    s.setSoTimeout(1000);
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    byte[] query = new byte[in.readUnsignedShort()];
                    in.readFully(query);
                    byte[] out = stamped(query);
                    DataOutputStream o = new DataOutputStream(s.getOutputStream());
                    o.writeShort(out.length);
                    o.write(out);
                    o.flush();
                } catch (IOException e) {
                    if (tcp.isClosed()) {
                        return;
                    }
                }
            }
        }

        private byte[] stamped(byte[] query) {
            byte[] input = reply;
            byte[] out = Arrays.copyOf(input, Math.min(Math.max(input.length, 2), 65_000));
            out[0] = query.length > 0 ? query[0] : 0;
            out[1] = query.length > 1 ? query[1] : 0;
            return out;
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void run() {
            byte[] buffer = new byte[512];
            while (true) {
                try {
                    DatagramPacket query = new DatagramPacket(buffer, buffer.length);
                    socket.receive(query);
                    byte[] out = stamped(Arrays.copyOf(buffer, query.getLength()));
                    socket.send(new DatagramPacket(out, out.length, query.getSocketAddress()));
                } catch (SocketException closed) {
                    return;
                } catch (IOException e) {
                    // a reply that cannot be sent: the client times out, which it must handle too
                }
            }
        }
    }
}
