package dev.stile.acme.validation.dns;

import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Fuzz target: a DNS server's reply as the dns-01 and CAA lookups receive it. A UDP responder on
 * 127.0.0.1 answers every query with the input (its first two bytes replaced by the query's ID, so
 * the client does not discard it as someone else's reply); {@link DnsClient#lookup} must turn
 * whatever arrives into a {@link DnsAnswer}, which is its documented contract: it never throws.
 * Any exception is a crash.
 */
public final class DnsAnswerFuzzer {

    private static final Responder RESPONDER = Responder.start();
    private static final DnsClient CLIENT = new DnsClient(List.of(new DnsServer("127.0.0.1", RESPONDER.port())),
            Map.of(), Duration.ofMillis(250), 1, Clock.systemUTC());

    private DnsAnswerFuzzer() {
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
        volatile byte[] reply = new byte[0];

        private Responder(DatagramSocket socket) {
            this.socket = socket;
        }

        static Responder start() {
            try {
                Responder r = new Responder(new DatagramSocket(0, InetAddress.getByName("127.0.0.1")));
                Thread t = new Thread(r, "fuzz-dns-responder");
                t.setDaemon(true);
                t.start();
                return r;
            } catch (IOException e) {
                throw new ExceptionInInitializerError(e);
            }
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
                    byte[] input = reply;
                    byte[] out = Arrays.copyOf(input, Math.min(Math.max(input.length, 2), 65_000));
                    out[0] = buffer[0];
                    out[1] = buffer[1];
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
