package dev.stile.net.http;

import dev.stile.acme.validation.http.Http01Validator;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.validation.RetryLoop;
import dev.stile.acme.validation.ValidationOutcome;
import dev.stile.acme.validation.ValidationOutcome.Verdict;
import dev.stile.acme.validation.ValidationRecord;
import dev.stile.acme.validation.ValidationTarget;
import dev.stile.net.dns.AddressLookup;
import dev.stile.net.dns.DnsClient;
import dev.stile.acme.validation.dns.DnsServer;
import dev.stile.acme.validation.egress.LoopbackEgress;
import dev.stile.testsupport.dns.DnsResponder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 4's HTTP-01 "Done when" items, against a DNS responder and JDK HTTP servers on loopback. */
class Http01ValidatorIT {

    private static final String NAME = "acme-test.home.example.net";
    private static final String TOKEN = "tok3n";
    private static final String KEY_AUTH = TOKEN + ".thumbprint";
    private static final ValidationTarget TARGET =
            new ValidationTarget(Identifier.dns(NAME), TOKEN, KEY_AUTH, "https://ca/acme/acct/1");

    private DnsResponder dns;
    private ChallengeHttpServer http;

    @BeforeEach
    void start() throws Exception {
        dns = DnsResponder.start();
        http = ChallengeHttpServer.http();
        dns.addA(NAME, "127.0.0.1");
        http.answer(ex -> ex.getRequestURI().getPath().equals("/.well-known/acme-challenge/" + TOKEN)
                ? ChallengeHttpServer.Answer.ok(KEY_AUTH + "\n") : new ChallengeHttpServer.Answer(404, null, "nope"));
    }

    @AfterEach
    void stop() {
        dns.close();
        http.close();
    }

    private Http01Validator validator(Duration dnsTimeout, int tries, int tlsPort) {
        DnsClient client = new DnsClient(List.of(DnsServer.parse(dns.address())), Map.of(), dnsTimeout, tries,
                Clock.systemUTC());
        return new Http01Validator(new AddressLookup(client, Clock.systemUTC()), http.port(), tlsPort,
                new HttpFetcher(Duration.ofSeconds(2)), Clock.systemUTC(), LoopbackEgress.policies());
    }

    /** The HTTP hops (records with a URL), without the DNS steps between them. */
    private static List<ValidationRecord> hops(ValidationOutcome o) {
        return o.records().stream().filter(r -> r.url() != null).collect(java.util.stream.Collectors.toList());
    }

    private Http01Validator validator() {
        return validator(Duration.ofMillis(300), 3, 1);
    }

    @Test
    void validWhenTheBodyIsTheKeyAuthorization() {
        ValidationOutcome o = validator().validate(TARGET);

        assertThat(o.verdict()).isEqualTo(Verdict.VALID);
        ValidationRecord r = hops(o).get(0);
        assertThat(r.hostname()).isEqualTo(NAME);
        assertThat(r.port()).isEqualTo(http.port());
        assertThat(r.addressUsed()).isEqualTo("127.0.0.1");
        assertThat(r.resolver()).isEqualTo(dns.address());
        assertThat(r.url()).isEqualTo("http://" + NAME + "/.well-known/acme-challenge/" + TOKEN);
        ValidationRecord dnsStep = o.records().get(0);
        assertThat(dnsStep.query()).isEqualTo("A/AAAA " + NAME);
        assertThat(dnsStep.outcome()).startsWith("AAAA: NOERROR, no AAAA record").contains("A: NOERROR, 1 A");
        assertThat(http.seen).extracting(ChallengeHttpServer.Seen::host).containsOnly(NAME + ":" + http.port());
    }

    @Test
    void validWhenHalfOfTheUdpQueriesAreDropped() {
        dns.dropUdpPercent(50);
        Http01Validator v = validator();
        for (int i = 0; i < 5; i++) {
            assertThat(v.validate(TARGET).verdict()).isEqualTo(Verdict.VALID);
        }
        assertThat(dns.queries()).extracting(DnsResponder.Query::answered).contains("dropped");
    }

    @Test
    void truncatedUdpAnswersFallBackToTcp() {
        dns.truncateUdp(true);

        assertThat(validator().validate(TARGET).verdict()).isEqualTo(Verdict.VALID);
        assertThat(dns.queriesFor(NAME)).extracting(DnsResponder.Query::transport).contains("UDP", "TCP");
        assertThat(dns.queriesFor(NAME)).filteredOn(q -> q.transport().equals("TCP"))
                .extracting(DnsResponder.Query::answered).containsOnly("answered");
    }

    @Test
    void servfailForTwentySecondsThenAGoodAnswerSucceedsInsideTheWindow() throws Exception {
        dns.servfailFor(Duration.ofSeconds(20));
        RetryLoop loop = new RetryLoop();
        Instant start = Instant.now();

        ValidationOutcome o = loop.run(validator(), TARGET, Duration.ofSeconds(40), Duration.ofSeconds(2));

        assertThat(o.verdict()).isEqualTo(Verdict.VALID);
        assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(19));
        ValidationOutcome first = loop.attempts.get(0);
        assertThat(first.verdict()).isEqualTo(Verdict.TRANSIENT);
        assertThat(first.problem().type()).isEqualTo("urn:ietf:params:acme:error:dns");
        assertThat(first.problem().detail()).isEqualTo("DNS lookup of A/AAAA " + NAME + " via " + dns.address()
                + " answered SERVFAIL 6 times (UDP).");
    }

    @Test
    void aNameThatNeverResolvesIsADnsProblemNamingResolverAndCause() {
        dns.silent(true);

        ValidationOutcome o = validator(Duration.ofMillis(200), 3, 1).validate(TARGET);

        assertThat(o.verdict()).isEqualTo(Verdict.TRANSIENT);
        assertThat(o.problem().type()).isEqualTo("urn:ietf:params:acme:error:dns");
        assertThat(o.problem().detail()).isEqualTo("DNS lookup of A/AAAA " + NAME + " via " + dns.address()
                + " timed out 6 times (UDP and TCP).");
        assertThat(http.seen).isEmpty();
    }

    @Test
    void aNameThatDoesNotExistIsADefiniteDnsProblem() {
        ValidationOutcome o = validator().validate(new ValidationTarget(Identifier.dns("nope.example.net"), TOKEN,
                KEY_AUTH, null));

        assertThat(o.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(o.problem().type()).isEqualTo("urn:ietf:params:acme:error:dns");
        assertThat(o.problem().detail()).contains("nope.example.net", dns.address(), "NXDOMAIN");
    }

    @Test
    void aRefusedConnectionIsATransientConnectionProblemNamingAddressAndPort() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        DnsClient client = new DnsClient(List.of(DnsServer.parse(dns.address())), Map.of(), Duration.ofMillis(300),
                2, Clock.systemUTC());
        Http01Validator v = new Http01Validator(new AddressLookup(client, Clock.systemUTC()), closedPort, 1,
                new HttpFetcher(Duration.ofSeconds(2)), Clock.systemUTC(), LoopbackEgress.policies());

        ValidationOutcome o = v.validate(TARGET);

        assertThat(o.verdict()).isEqualTo(Verdict.TRANSIENT);
        assertThat(o.problem().type()).isEqualTo("urn:ietf:params:acme:error:connection");
        assertThat(o.problem().detail()).contains("127.0.0.1:" + closedPort, "connection refused");
    }

    @Test
    void triesIpv6FirstThenIpv4() {
        dns.addA(NAME, "::1"); // nothing of ours listens on [::1]:port
        ValidationOutcome o = validator().validate(TARGET);

        assertThat(o.verdict()).as(String.valueOf(o.problem())).isEqualTo(Verdict.VALID);
        assertThat(hops(o).get(0).addressesResolved()).containsExactly("0:0:0:0:0:0:0:1", "127.0.0.1");
        assertThat(hops(o).get(0).addressUsed()).isEqualTo("127.0.0.1");
    }

    @Test
    void a503ForFifteenSecondsThenTheRightBodySucceeds() throws Exception {
        Instant ready = Instant.now().plusSeconds(15);
        http.answer(ex -> Instant.now().isBefore(ready)
                ? new ChallengeHttpServer.Answer(503, null, "no healthy upstream")
                : ChallengeHttpServer.Answer.ok(KEY_AUTH));
        RetryLoop loop = new RetryLoop();

        ValidationOutcome o = loop.run(validator(), TARGET, Duration.ofSeconds(40), Duration.ofSeconds(2));

        assertThat(o.verdict()).isEqualTo(Verdict.VALID);
        ValidationOutcome first = loop.attempts.get(0);
        assertThat(first.verdict()).isEqualTo(Verdict.TRANSIENT);
        assertThat(first.problem().detail()).contains("answered HTTP 503 (19 bytes)").doesNotContain("no healthy upstream");
        assertThat(loop.attempts.size()).isGreaterThan(3);
    }

    @Test
    void followsAnHttpToHttpsRedirectChain() throws Exception {
        try (ChallengeHttpServer https = ChallengeHttpServer.https(NAME)) {
            http.answer(ex -> ex.getRequestURI().getPath().startsWith("/.well-known/")
                    ? ChallengeHttpServer.Answer.redirect("/moved" + ex.getRequestURI().getPath())
                    : ChallengeHttpServer.Answer.redirect("https://" + NAME + ex.getRequestURI().getPath()));
            https.answer(ex -> ChallengeHttpServer.Answer.ok(KEY_AUTH));

            ValidationOutcome o = validator(Duration.ofMillis(300), 3, https.port()).validate(TARGET);

            assertThat(o.verdict()).as(String.valueOf(o.problem())).isEqualTo(Verdict.VALID);
            assertThat(hops(o)).extracting(ValidationRecord::url).containsExactly(
                    "http://" + NAME + "/.well-known/acme-challenge/" + TOKEN,
                    "http://" + NAME + "/moved/.well-known/acme-challenge/" + TOKEN,
                    "https://" + NAME + "/moved/.well-known/acme-challenge/" + TOKEN);
            assertThat(hops(o)).extracting(ValidationRecord::port).containsExactly(http.port(), http.port(), https.port());
            assertThat(https.seen).extracting(ChallengeHttpServer.Seen::host).containsOnly(NAME + ":" + https.port());
        }
    }

    @Test
    void aWrongBodyIsADefiniteIncorrectResponseSummarisedWithoutItsContent() {
        http.answer(ex -> ChallengeHttpServer.Answer.ok("INTERNAL-SECRET-1234 db_password=hunter2"));

        ValidationOutcome o = validator().validate(TARGET);

        assertThat(o.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(o.problem().type()).isEqualTo("urn:ietf:params:acme:error:incorrectResponse");
        assertThat(o.problem().detail()).contains("answered HTTP 200 (40 bytes), a body that is not a key authorization,",
                "instead of the key authorization \"" + KEY_AUTH + "\"");
        assertThat(o.problem().detail() + o.records()).doesNotContain("SECRET", "hunter2");
    }

    @Test
    void anotherTokensKeyAuthorizationIsShownAsTheOnlyPartOfTheBody() {
        String other = "otherToken123." + "T".repeat(43);
        http.answer(ex -> ChallengeHttpServer.Answer.ok(other + "\n<html>secret</html>"));

        ValidationOutcome o = validator().validate(TARGET);

        assertThat(o.problem().detail()).contains("with \"" + other + "\" instead of")
                .doesNotContain("secret");
    }

    @Test
    void a404IsDefinite() {
        http.answer(ex -> new ChallengeHttpServer.Answer(404, null, "not found"));

        ValidationOutcome o = validator().validate(TARGET);

        assertThat(o.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(o.problem().detail()).contains("answered HTTP 404");
    }

    @Test
    void redirectsToOtherPortsAreRefused() {
        http.answer(ex -> ChallengeHttpServer.Answer.redirect("http://" + NAME + ":8081/x"));

        ValidationOutcome o = validator().validate(TARGET);

        assertThat(o.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(o.problem().detail()).contains("port 8081");
    }

    @Test
    void perZoneForwardingSendsTheInternalZoneToItsOwnResolver() throws Exception {
        try (DnsResponder lan = DnsResponder.start()) {
            lan.addA(NAME, "127.0.0.1");
            dns.clear();
            DnsClient client = new DnsClient(List.of(DnsServer.parse(dns.address())),
                    Map.of("home.example.net", List.of(DnsServer.parse(lan.address()))), Duration.ofMillis(300), 2,
                    Clock.systemUTC());
            Http01Validator v = new Http01Validator(new AddressLookup(client, Clock.systemUTC()), http.port(), 1,
                    new HttpFetcher(Duration.ofSeconds(2)), Clock.systemUTC(), LoopbackEgress.policies());

            ValidationOutcome o = v.validate(TARGET);

            assertThat(o.verdict()).isEqualTo(Verdict.VALID);
            assertThat(o.records().get(0).resolver()).isEqualTo(lan.address());
            assertThat(lan.queries()).extracting(DnsResponder.Query::name).containsOnly(NAME);
            assertThat(lan.queries()).extracting(DnsResponder.Query::type).contains("A", "AAAA");
            assertThat(dns.queries()).isEmpty();
        }
    }
}
