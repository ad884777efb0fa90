package dev.stile.net.dns;

import dev.stile.acme.validation.dns.DnsServer;
import dev.stile.testsupport.dns.DnsResponder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DnsClientIT {

    private DnsResponder dns;
    private DnsClient client;

    @BeforeEach
    void start() throws Exception {
        dns = DnsResponder.start();
        client = new DnsClient(List.of(DnsServer.parse(dns.address())), Map.of(), Duration.ofMillis(300), 3,
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    @Test
    void answersAndFollowsCnameChains() {
        dns.addCname("_acme-challenge.www.example.com", "www.challenges.example.net");
        dns.addTxt("www.challenges.example.net", "abc");

        DnsAnswer a = client.lookup("_acme-challenge.www.example.com", Type.TXT);

        assertThat(a.status()).isEqualTo(DnsAnswer.Status.ANSWER);
        assertThat(a.cnames()).containsExactly("www.challenges.example.net");
        assertThat(((TXTRecord) a.records().get(0)).getStrings()).containsExactly("abc");
        assertThat(a.resolver()).isEqualTo(dns.address());
    }

    @Test
    void survivesHalfOfUdpQueriesDropped() {
        dns.addA("flaky.example.com", "127.0.0.1").dropUdpPercent(50);
        for (int i = 0; i < 10; i++) {
            DnsAnswer a = client.lookup("flaky.example.com", Type.A);
            assertThat(a.status()).as(a.summary()).isEqualTo(DnsAnswer.Status.ANSWER);
        }
        assertThat(dns.queries()).extracting(DnsResponder.Query::answered).contains("dropped");
    }

    @Test
    void truncatedAnswersAreRetriedOverTcp() {
        dns.addA("big.example.com", "127.0.0.1").truncateUdp(true);

        DnsAnswer a = client.lookup("big.example.com", Type.A);

        assertThat(a.status()).isEqualTo(DnsAnswer.Status.ANSWER);
        assertThat(a.udpTries()).isEqualTo(1);
        assertThat(a.tcpTries()).isEqualTo(1);
        assertThat(dns.queries()).extracting(DnsResponder.Query::transport, DnsResponder.Query::answered)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("UDP", "truncated"),
                        org.assertj.core.groups.Tuple.tuple("TCP", "answered"));
    }

    @Test
    void distinguishesNxdomainNodataServfailAndTimeout() {
        dns.addA("v4only.example.com", "127.0.0.1");
        assertThat(client.lookup("missing.example.com", Type.A).status()).isEqualTo(DnsAnswer.Status.NXDOMAIN);
        assertThat(client.lookup("v4only.example.com", Type.AAAA).status()).isEqualTo(DnsAnswer.Status.NODATA);

        dns.servfailFor(Duration.ofMinutes(1));
        DnsAnswer servfail = client.lookup("v4only.example.com", Type.A);
        assertThat(servfail.status()).isEqualTo(DnsAnswer.Status.SERVER_FAILURE);
        assertThat(servfail.isTransientFailure()).isTrue();
        assertThat(servfail.failureReason()).isEqualTo("answered SERVFAIL 3 times (UDP)");

        dns.silent(true);
        DnsAnswer timeout = client.lookup("v4only.example.com", Type.A);
        assertThat(timeout.status()).isEqualTo(DnsAnswer.Status.TIMEOUT);
        assertThat(timeout.failureReason()).isEqualTo("timed out 3 times (UDP and TCP)");
        assertThat(timeout.resolver()).isEqualTo(dns.address());
    }

    @Test
    void failsOverToTheNextResolver() throws Exception {
        try (DnsResponder second = DnsResponder.start()) {
            second.addA("x.example.com", "127.0.0.2");
            dns.silent(true);
            DnsClient twoServers = new DnsClient(
                    List.of(DnsServer.parse(dns.address()), DnsServer.parse(second.address())), Map.of(),
                    Duration.ofMillis(200), 1, Clock.systemUTC());

            DnsAnswer a = twoServers.lookup("x.example.com", Type.A);

            assertThat(a.status()).isEqualTo(DnsAnswer.Status.ANSWER);
            assertThat(a.resolver()).isEqualTo(second.address());
        }
    }

    @Test
    void choosesForwardersByLongestZoneSuffix() throws Exception {
        try (DnsResponder lan = DnsResponder.start(); DnsResponder inner = DnsResponder.start()) {
            lan.addA("acme-test.home.example.net", "127.0.0.1");
            inner.addA("x.lab.home.example.net", "127.0.0.3");
            dns.addA("www.example.com", "127.0.0.4");
            DnsClient zoned = new DnsClient(List.of(DnsServer.parse(dns.address())),
                    Map.of("home.example.net", List.of(DnsServer.parse(lan.address())),
                            "lab.home.example.net", List.of(DnsServer.parse(inner.address()))),
                    Duration.ofMillis(300), 2, Clock.systemUTC());

            assertThat(zoned.lookup("acme-test.home.example.net", Type.A).resolver()).isEqualTo(lan.address());
            assertThat(zoned.lookup("x.lab.home.example.net", Type.A).resolver()).isEqualTo(inner.address());
            assertThat(zoned.lookup("www.example.com", Type.A).resolver()).isEqualTo(dns.address());

            assertThat(lan.queries()).extracting(DnsResponder.Query::name).containsOnly("acme-test.home.example.net");
            assertThat(inner.queries()).extracting(DnsResponder.Query::name).containsOnly("x.lab.home.example.net");
            assertThat(dns.queries()).extracting(DnsResponder.Query::name).containsOnly("www.example.com");
        }
    }
}
