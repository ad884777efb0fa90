package dev.stile.net.http;

import dev.stile.acme.validation.http.Http01Validator;
import dev.stile.net.tls.TlsAlpnDialer;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.validation.ValidationOutcome;
import dev.stile.acme.validation.ValidationOutcome.Verdict;
import dev.stile.acme.validation.ValidationRecord;
import dev.stile.acme.validation.ValidationTarget;
import dev.stile.net.dns.AddressLookup;
import dev.stile.net.dns.DnsClient;
import dev.stile.acme.validation.dns.DnsServer;
import dev.stile.acme.validation.egress.EgressPolicies;
import dev.stile.acme.validation.egress.EgressPolicy;
import dev.stile.acme.validation.tls.TlsAlpn01Validator;
import dev.stile.testsupport.dns.DnsResponder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The validation egress policy against real listeners on loopback: a refused address is judged
 * before connecting, so a listener there never sees a connection; every redirect hop is judged.
 */
class ValidationEgressIT {

    private static final String NAME = "app.egress.test";
    private static final String TOKEN = "tok3n";
    private static final String KEY_AUTH = TOKEN + ".thumbprint";
    private static final ValidationTarget TARGET = new ValidationTarget(Identifier.dns(NAME), TOKEN, KEY_AUTH, null, "acme");

    private DnsResponder dns;
    private ChallengeHttpServer http;
    private CountingListener inner;

    @BeforeEach
    void start() throws Exception {
        dns = DnsResponder.start();
        http = ChallengeHttpServer.http();
        http.answer(ex -> ChallengeHttpServer.Answer.ok(KEY_AUTH));
        // Same port as the HTTP server, on another loopback address: where a redirect may point.
        inner = new CountingListener(InetAddress.getByName("127.0.0.2"), http.port());
    }

    @AfterEach
    void stop() throws IOException {
        dns.close();
        http.close();
        inner.close();
    }

    private Http01Validator http01(String egressBlock) throws IOException {
        return new Http01Validator(lookup(), http.port(), http.port(), new HttpFetcher(Duration.ofSeconds(2)), Clock.systemUTC(),
                policies(egressBlock));
    }

    private AddressLookup lookup() {
        DnsClient client = new DnsClient(List.of(DnsServer.parse(dns.address())), Map.of(), Duration.ofMillis(500), 2,
                Clock.systemUTC());
        return new AddressLookup(client, Clock.systemUTC());
    }

    private static EgressPolicies policies(String block) throws IOException {
        EgressPolicy p = EgressPolicy.defaults().with(new ObjectMapper().readTree(block), "validation");
        return EgressPolicies.global(p);
    }

    @Test
    void loopbackIsRefusedBeforeConnectingUnlessAllowed() throws Exception {
        dns.addA(NAME, "127.0.0.2");

        ValidationOutcome refused = http01("{}").validate(TARGET);

        assertThat(refused.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(refused.problem().type()).isEqualTo("urn:ietf:params:acme:error:connection");
        assertThat(refused.problem().detail()).isEqualTo("Stile did not connect to http://" + NAME
                + "/.well-known/acme-challenge/" + TOKEN + " for " + NAME + ": 127.0.0.2 is refused by the validation "
                + "egress policy: it is loopback (127.0.0.0/8); list it in validation.allowNetworks to allow it.");
        assertThat(refused.records().get(refused.records().size() - 1).addressUsed()).isNull();
        assertThat(inner.accepted.get()).isZero();

        http01("{\"allowNetworks\": [\"127.0.0.0/8\"]}").validate(TARGET);
        assertThat(inner.awaitAccepted()).as("the same listener is reachable once allowed").isEqualTo(1);
    }

    @Test
    void theMetadataAddressIsRefusedWithoutAnyConnectionAttempt() throws Exception {
        dns.addA(NAME, "169.254.169.254");
        long start = System.nanoTime();

        ValidationOutcome o = http01("{\"allowNetworks\": [\"0.0.0.0/0\"]}").validate(TARGET);

        assertThat(o.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(o.problem().detail()).contains("169.254.169.254 is refused by the validation egress policy: "
                + "it is the cloud metadata service (link-local) (169.254.169.254/32)");
        // A connection attempt would wait for the 2 s connect timeout (nothing answers there).
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
        assertThat(o.records()).extracting(ValidationRecord::addressUsed).containsOnlyNulls();
    }

    @Test
    void noConnectionIsEvenAttemptedToSpecialPurposeAddresses() throws Exception {
        List<InetSocketAddress> dialled = new java.util.concurrent.CopyOnWriteArrayList<>();
        Http01Validator v = new Http01Validator(lookup(), http.port(), http.port(),
                new HttpFetcher(Duration.ofSeconds(2), (socket, address, timeout) -> {
                    dialled.add(address);
                    socket.connect(address, timeout);
                }), Clock.systemUTC(), policies("{\"allowNetworks\": [\"0.0.0.0/0\", \"::/0\"]}"));
        List<String> special = List.of("169.254.169.254", "fd00:ec2::254", "0.0.0.0", "::", "224.0.0.251",
                "255.255.255.255", "fe80::1", "::ffff:169.254.169.254", "100.100.100.200");
        for (String address : special) {
            dns.clear();
            dns.addA(NAME, address);

            ValidationOutcome o = v.validate(TARGET);

            assertThat(o.verdict()).as(address).isEqualTo(Verdict.INVALID);
            assertThat(o.problem().detail()).as(address).contains("is refused by the validation egress policy");
        }
        assertThat(dialled).isEmpty();
    }

    @Test
    void everyRedirectHopIsJudged() throws Exception {
        dns.addA(NAME, "127.0.0.1");
        dns.addA("inner.egress.test", "127.0.0.2");
        http.answer(ex -> ChallengeHttpServer.Answer.redirect("http://inner.egress.test/secret"));

        ValidationOutcome o = http01("{\"allowNetworks\": [\"127.0.0.1/32\"]}").validate(TARGET);

        assertThat(o.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(o.problem().detail()).startsWith("Stile did not connect to http://inner.egress.test/secret "
                + "(redirect 1) for " + NAME + ": 127.0.0.2 is refused");
        assertThat(http.seen).hasSize(1);
        assertThat(inner.accepted.get()).isZero();
    }

    @Test
    void aRedirectToTheMetadataAddressLiteralIsRefused() throws Exception {
        dns.addA(NAME, "127.0.0.1");
        http.answer(ex -> ChallengeHttpServer.Answer.redirect("http://169.254.169.254/latest/meta-data/"));

        ValidationOutcome o = http01("{\"allowNetworks\": [\"127.0.0.1/32\"]}").validate(TARGET);

        assertThat(o.problem().detail()).contains("(redirect 1)", "169.254.169.254 is refused");
    }

    @Test
    void aDenyEntryRefusesAPrivateRangeThatIsAllowedByDefault() throws Exception {
        dns.addA(NAME, "192.168.77.1");

        ValidationOutcome o = http01("{\"denyNetworks\": [\"192.168.0.0/16\"]}").validate(TARGET);

        assertThat(o.problem().detail()).endsWith("192.168.77.1 is refused by the validation egress policy: "
                + "it is in 192.168.0.0/16, listed in validation.denyNetworks.");
    }

    @Test
    void tlsAlpnIsJudgedBeforeConnectingToo() throws Exception {
        dns.addA(NAME, "127.0.0.2");
        TlsAlpn01Validator v = new TlsAlpn01Validator(lookup(), inner.port(), new TlsAlpnDialer(Duration.ofSeconds(2)), Clock.systemUTC(),
                policies("{}"));

        ValidationOutcome o = v.validate(TARGET);

        assertThat(o.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(o.problem().detail()).startsWith("Stile did not connect to " + NAME + " for TLS-ALPN-01: "
                + "127.0.0.2 is refused");
        assertThat(inner.accepted.get()).isZero();
    }

    /** Accepts and counts connections, answering nothing. */
    private static final class CountingListener implements AutoCloseable {
        final AtomicInteger accepted = new AtomicInteger();
        private final ServerSocket socket;

        CountingListener(InetAddress address, int port) throws IOException {
            socket = new ServerSocket();
            socket.bind(new InetSocketAddress(address, port));
            Thread t = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket s = socket.accept()) {
                        accepted.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "counting-listener");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int awaitAccepted() throws InterruptedException {
            for (int i = 0; i < 50 && accepted.get() == 0; i++) {
                Thread.sleep(20);
            }
            return accepted.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
