package dev.stile.net.dns;

import dev.stile.acme.validation.dns.Dns01Validator;
import dev.stile.acme.validation.dns.DnsServer;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.validation.KeyAuthorizations;
import dev.stile.acme.validation.ValidationOutcome;
import dev.stile.acme.validation.ValidationOutcome.Verdict;
import dev.stile.acme.validation.ValidationTarget;
import dev.stile.acme.validation.egress.EgressPolicies;
import dev.stile.acme.validation.egress.EgressPolicy;
import dev.stile.acme.validation.egress.LoopbackEgress;
import dev.stile.testsupport.dns.DnsResponder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class Dns01ValidatorIT {

    private static final String KEY_AUTH = "tok.thumb";
    private static final String DIGEST = KeyAuthorizations.dnsTxtValue(KEY_AUTH);

    private DnsResponder dns;
    private DnsClient client;

    @BeforeEach
    void start() throws Exception {
        dns = DnsResponder.start();
        client = new DnsClient(List.of(DnsServer.parse(dns.address())), Map.of(), Duration.ofMillis(300), 2,
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    private ValidationOutcome validate(String name) {
        return new Dns01Validator(new DnsTxtLookup(client, null), null, Clock.systemUTC())
                .validate(new ValidationTarget(Identifier.dns(name), "tok", KEY_AUTH, null));
    }

    @Test
    void validWhenAnyTxtValueMatches() {
        dns.addTxt("_acme-challenge.example.com", "other").addTxt("_acme-challenge.example.com", DIGEST);

        ValidationOutcome o = validate("example.com");

        assertThat(o.verdict()).isEqualTo(Verdict.VALID);
        assertThat(o.records().get(0).query()).isEqualTo("TXT _acme-challenge.example.com");
        assertThat(o.records().get(0).resolver()).isEqualTo(dns.address());
        assertThat(o.records().get(0).outcome()).contains("NOERROR, 2 TXT", "\"other\"", DIGEST);
    }

    @Test
    void wildcardsAreValidatedOnTheBaseName() {
        dns.addTxt("_acme-challenge.example.com", DIGEST);

        assertThat(validate("*.example.com").verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void followsCnamesToADelegatedChallengeZone() {
        dns.addCname("_acme-challenge.www.example.com", "www.acme.example.org");
        dns.addTxt("www.acme.example.org", DIGEST);

        ValidationOutcome o = validate("www.example.com");

        assertThat(o.verdict()).isEqualTo(Verdict.VALID);
        assertThat(o.records().get(0).outcome()).contains("via CNAME www.acme.example.org");
    }

    @Test
    void otherValuesAreADefiniteIncorrectResponseListingWhatWasSeen() {
        dns.addTxt("_acme-challenge.example.com", "stale-value-from-yesterday");

        ValidationOutcome o = validate("example.com");

        assertThat(o.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(o.problem().type()).isEqualTo("urn:ietf:params:acme:error:incorrectResponse");
        assertThat(o.problem().detail()).isEqualTo("TXT _acme-challenge.example.com via " + dns.address()
                + " holds \"stale-value-from-yesterday\" but not the expected \"" + DIGEST + "\".");
    }

    @Test
    void aMissingRecordIsTransientBecauseItIsUsuallyPropagation() {
        ValidationOutcome o = validate("example.com");

        assertThat(o.verdict()).isEqualTo(Verdict.TRANSIENT);
        assertThat(o.problem().type()).isEqualTo("urn:ietf:params:acme:error:dns");
        assertThat(o.problem().detail()).contains("_acme-challenge.example.com", dns.address(), "NXDOMAIN",
                "not yet propagated");
    }

    @Test
    void servfailIsTransientNamingTheResolver() {
        dns.servfailFor(Duration.ofMinutes(1));

        ValidationOutcome o = validate("example.com");

        assertThat(o.verdict()).isEqualTo(Verdict.TRANSIENT);
        assertThat(o.problem().detail()).isEqualTo("DNS lookup of TXT _acme-challenge.example.com via "
                + dns.address() + " answered SERVFAIL 2 times (UDP).");
    }

    @Test
    void ipIdentifiersAreRefused() {
        ValidationOutcome o = new Dns01Validator(new DnsTxtLookup(client, null), null, Clock.systemUTC())
                .validate(new ValidationTarget(Identifier.ip("127.0.0.1"), "tok", KEY_AUTH, null));

        assertThat(o.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(o.problem().type()).endsWith(":unsupportedIdentifier");
    }

    @Test
    void anAuthoritativeServerOnARefusedAddressIsNeverAsked() throws Exception {
        // The name servers come from DNS, so the egress policy judges them: loopback is refused by
        // default and the configured resolver is asked instead.
        try (DnsResponder auth = DnsResponder.start(InetAddress.getByName("127.0.0.2"))) {
            dns.add("example.com", "NS", "ns1.example.com.");
            dns.addA("ns1.example.com", "127.0.0.2");
            dns.addTxt("_acme-challenge.example.com", DIGEST);
            auth.addTxt("_acme-challenge.example.com", DIGEST);
            AuthoritativeServers servers = new AuthoritativeServers(client, new AddressLookup(client, Clock.systemUTC()),
                    auth.port());

            ValidationOutcome o = new Dns01Validator(new DnsTxtLookup(client, servers), null, Clock.systemUTC(),
                    EgressPolicies.global(EgressPolicy.defaults()))
                    .validate(new ValidationTarget(Identifier.dns("example.com"), "tok", KEY_AUTH, null));

            assertThat(o.verdict()).as(String.valueOf(o.problem())).isEqualTo(Verdict.VALID);
            assertThat(auth.queriesFor("_acme-challenge.example.com")).isEmpty();
            assertThat(o.records().get(0).resolver()).isEqualTo(dns.address());
        }
    }

    @Test
    void authoritativeModeAsksTheZonesOwnServerNotTheStaleCache() throws Exception {
        // The "cache" (our resolver) has no TXT yet; the zone's own server on 127.0.0.2 has it.
        try (DnsResponder auth = DnsResponder.start(InetAddress.getByName("127.0.0.2"))) {
            dns.add("example.com", "NS", "ns1.example.com.");
            dns.addA("ns1.example.com", "127.0.0.2");
            auth.addTxt("_acme-challenge.example.com", DIGEST);
            AuthoritativeServers servers = new AuthoritativeServers(client, new AddressLookup(client, Clock.systemUTC()),
                    auth.port());

            ValidationOutcome o = new Dns01Validator(new DnsTxtLookup(client, servers), null, Clock.systemUTC(), LoopbackEgress.policies())
                    .validate(new ValidationTarget(Identifier.dns("example.com"), "tok", KEY_AUTH, null));

            assertThat(o.verdict()).as(String.valueOf(o.problem())).isEqualTo(Verdict.VALID);
            assertThat(o.records().get(0).resolver()).isEqualTo("127.0.0.2:" + auth.port());
            assertThat(auth.queriesFor("_acme-challenge.example.com")).isNotEmpty();
            assertThat(dns.queriesFor("_acme-challenge.example.com")).extracting(DnsResponder.Query::type)
                    .containsOnly("NS");
        }
    }
}
