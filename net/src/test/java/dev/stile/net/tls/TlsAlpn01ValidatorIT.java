package dev.stile.net.tls;

import dev.stile.acme.validation.tls.TlsAlpn01Validator;
import dev.stile.acme.validation.tls.AcmeIdentifierCertificate;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.validation.KeyAuthorizations;
import dev.stile.acme.validation.ValidationOutcome;
import dev.stile.acme.validation.ValidationOutcome.Verdict;
import dev.stile.acme.validation.ValidationTarget;
import dev.stile.net.dns.AddressLookup;
import dev.stile.net.dns.DnsClient;
import dev.stile.acme.validation.dns.DnsServer;
import dev.stile.acme.validation.egress.LoopbackEgress;
import dev.stile.testsupport.dns.DnsResponder;
import dev.stile.testsupport.tls.AlpnResponder;
import dev.stile.testsupport.tls.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TlsAlpn01ValidatorIT {

    private static final String NAME = "tls.example.com";
    private static final String KEY_AUTH = "tok.thumb";
    private static final byte[] DIGEST = KeyAuthorizations.sha256(KEY_AUTH);

    private DnsResponder dns;

    @BeforeEach
    void start() throws Exception {
        dns = DnsResponder.start();
        dns.addA(NAME, "127.0.0.1");
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    private ValidationOutcome validate(Identifier id, int port) {
        DnsClient client = new DnsClient(List.of(DnsServer.parse(dns.address())), Map.of(), Duration.ofMillis(300), 2,
                Clock.systemUTC());
        return new TlsAlpn01Validator(new AddressLookup(client, Clock.systemUTC()), port, new TlsAlpnDialer(Duration.ofSeconds(3)),
                Clock.systemUTC(), LoopbackEgress.policies()).validate(new ValidationTarget(id, "tok", KEY_AUTH, null));
    }

    @Test
    void validWithTheRightCertificate() throws Exception {
        try (AlpnResponder r = AlpnResponder.start(TestCertificates.acmeTlsAlpn(NAME, DIGEST, true), true)) {
            ValidationOutcome o = validate(Identifier.dns(NAME), r.port());

            assertThat(o.verdict()).as(String.valueOf(o.problem())).isEqualTo(Verdict.VALID);
            assertThat(o.records().get(1).addressUsed()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void ipIdentifiersUseTheReverseNameAsSniAndAnIpSan() throws Exception {
        try (AlpnResponder r = AlpnResponder.start(TestCertificates.acmeTlsAlpn("127.0.0.1", DIGEST, true), true)) {
            assertThat(validate(Identifier.ip("127.0.0.1"), r.port()).verdict()).isEqualTo(Verdict.VALID);
        }
        assertThat(AcmeIdentifierCertificate.reverseName(InetAddress.getByName("192.0.2.1")))
                .isEqualTo("1.2.0.192.in-addr.arpa");
        assertThat(AcmeIdentifierCertificate.reverseName(InetAddress.getByName("2001:db8::1")))
                .isEqualTo("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa");
    }

    @Test
    void aWrongDigestIsAnIncorrectResponse() throws Exception {
        byte[] other = KeyAuthorizations.sha256("something else");
        try (AlpnResponder r = AlpnResponder.start(TestCertificates.acmeTlsAlpn(NAME, other, true), true)) {
            ValidationOutcome o = validate(Identifier.dns(NAME), r.port());

            assertThat(o.verdict()).isEqualTo(Verdict.INVALID);
            assertThat(o.problem().type()).endsWith(":incorrectResponse");
            assertThat(o.problem().detail()).contains("127.0.0.1:" + r.port(), "is not SHA-256 of the key authorization");
        }
    }

    @Test
    void aNonCriticalExtensionOrWrongSanIsUnauthorized() throws Exception {
        try (AlpnResponder r = AlpnResponder.start(TestCertificates.acmeTlsAlpn(NAME, DIGEST, false), true)) {
            ValidationOutcome o = validate(Identifier.dns(NAME), r.port());
            assertThat(o.problem().type()).endsWith(":unauthorized");
            assertThat(o.problem().detail()).contains("not marked critical");
        }
        try (AlpnResponder r = AlpnResponder.start(TestCertificates.acmeTlsAlpn("other.example.com", DIGEST, true), true)) {
            ValidationOutcome o = validate(Identifier.dns(NAME), r.port());
            assertThat(o.problem().detail()).contains("must name exactly DNS:" + NAME, "DNS:other.example.com");
        }
    }

    @Test
    void aServerWithoutAcmeTlsIsATlsProblem() throws Exception {
        try (AlpnResponder r = AlpnResponder.start(TestCertificates.selfSigned(NAME), false)) {
            ValidationOutcome o = validate(Identifier.dns(NAME), r.port());

            assertThat(o.verdict()).isEqualTo(Verdict.INVALID);
            assertThat(o.problem().type()).endsWith(":tls");
            assertThat(o.problem().detail()).contains("127.0.0.1:" + r.port());
        }
    }

    @Test
    void nobodyListeningIsATransientConnectionProblem() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ValidationOutcome o = validate(Identifier.dns(NAME), port);

        assertThat(o.verdict()).isEqualTo(Verdict.TRANSIENT);
        assertThat(o.problem().type()).endsWith(":connection");
        assertThat(o.problem().detail()).contains("127.0.0.1:" + port, "connection refused");
    }
}
