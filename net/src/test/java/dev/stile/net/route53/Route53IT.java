package dev.stile.net.route53;

import dev.stile.net.dns.DnsTxtLookup;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.validation.KeyAuthorizations;
import dev.stile.acme.validation.ValidationOutcome;
import dev.stile.acme.validation.ValidationOutcome.Verdict;
import dev.stile.acme.validation.ValidationSettings;
import dev.stile.acme.validation.ValidationTarget;
import dev.stile.acme.validation.dns.Dns01Validator;
import dev.stile.net.dns.DnsClient;
import dev.stile.acme.validation.dns.DnsServer;
import dev.stile.testsupport.dns.DnsResponder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** DNS-01 through the real AWS SDK Route53 client against a local endpoint speaking Route53's XML API. */
class Route53IT {

    private static final String KEY_AUTH = "tok.thumb";
    private static final String DIGEST = KeyAuthorizations.dnsTxtValue(KEY_AUTH);

    private FakeRoute53 route53;
    private DnsResponder dns;
    private Route53TxtReader reader;

    @BeforeEach
    void start() throws Exception {
        // The SDK's default credentials chain reads these system properties.
        System.setProperty("aws.accessKeyId", "AKIDSTILETEST");
        System.setProperty("aws.secretAccessKey", "secret");
        route53 = new FakeRoute53().zone("Z0EXAMPLE1", "example.com").zone("Z0INTERNAL2", "internal.example.net");
        dns = DnsResponder.start();
    }

    @AfterEach
    void stop() {
        if (reader != null) {
            reader.close();
        }
        route53.close();
        dns.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    private Dns01Validator validator(List<String> zones) {
        reader = new Route53TxtReader(new ValidationSettings.Route53Settings(zones, "aws-global", route53.endpoint()));
        DnsClient client = new DnsClient(List.of(DnsServer.parse(dns.address())), Map.of(), Duration.ofMillis(300), 2,
                Clock.systemUTC());
        return new Dns01Validator(new DnsTxtLookup(client, null), reader, Clock.systemUTC());
    }

    private static ValidationTarget target(String name) {
        return new ValidationTarget(Identifier.dns(name), "tok", KEY_AUTH, null);
    }

    @Test
    void readsTheTxtRecordFromTheRoute53ApiForZonesConfiguredByName() {
        route53.record("Z0EXAMPLE1", "_acme-challenge.www.example.com", "TXT", "unrelated")
                .record("Z0EXAMPLE1", "_acme-challenge.www.example.com", "TXT", DIGEST);

        ValidationOutcome o = validator(List.of("example.com")).validate(target("www.example.com"));

        assertThat(o.verdict()).as(String.valueOf(o.problem())).isEqualTo(Verdict.VALID);
        assertThat(o.records().get(0).resolver()).isEqualTo("route53:Z0EXAMPLE1");
        assertThat(dns.queries()).isEmpty(); // neither propagation nor the cluster resolver matters
        assertThat(route53.requests).extracting(FakeRoute53.Request::path)
                .containsExactly("/2013-04-01/hostedzonesbyname", "/2013-04-01/hostedzone/Z0EXAMPLE1/rrset");
        assertThat(route53.requests.get(1).query()).contains("name=_acme-challenge.www.example.com.");
        assertThat(route53.requests).allSatisfy(r ->
                assertThat(r.authorization()).startsWith("AWS4-HMAC-SHA256 Credential=AKIDSTILETEST/"));
    }

    @Test
    void zonesConfiguredByIdAreNamedWithGetHostedZone() {
        route53.record("Z0INTERNAL2", "_acme-challenge.internal.example.net", "TXT", DIGEST);

        ValidationOutcome o = validator(List.of("Z0INTERNAL2")).validate(target("*.internal.example.net"));

        assertThat(o.verdict()).as(String.valueOf(o.problem())).isEqualTo(Verdict.VALID);
        assertThat(route53.requests).extracting(FakeRoute53.Request::path)
                .containsExactly("/2013-04-01/hostedzone/Z0INTERNAL2", "/2013-04-01/hostedzone/Z0INTERNAL2/rrset");
    }

    @Test
    void otherValuesAreDefiniteAndAbsentValuesTransient() {
        route53.record("Z0EXAMPLE1", "_acme-challenge.example.com", "TXT", "old");
        Dns01Validator v = validator(List.of("example.com"));

        ValidationOutcome wrong = v.validate(target("example.com"));
        ValidationOutcome missing = v.validate(target("api.example.com"));

        assertThat(wrong.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(wrong.problem().detail()).contains("Route53 hosted zone Z0EXAMPLE1", "\"old\"", DIGEST);
        assertThat(missing.verdict()).isEqualTo(Verdict.TRANSIENT);
        assertThat(missing.problem().detail()).contains("Route53 hosted zone Z0EXAMPLE1 (example.com) has no TXT record "
                + "at _acme-challenge.api.example.com");
    }

    @Test
    void namesOutsideTheConfiguredZonesUseDns() {
        dns.addTxt("_acme-challenge.other.example.org", DIGEST);

        ValidationOutcome o = validator(List.of("example.com")).validate(target("other.example.org"));

        assertThat(o.verdict()).isEqualTo(Verdict.VALID);
        assertThat(o.records().get(0).resolver()).isEqualTo(dns.address());
        assertThat(route53.requests).extracting(FakeRoute53.Request::path)
                .doesNotContain("/2013-04-01/hostedzone/Z0EXAMPLE1/rrset");
    }

    @Test
    void apiErrorsAreTransientAndSayWhichCallFailed() {
        route53.record("Z0EXAMPLE1", "_acme-challenge.example.com", "TXT", DIGEST);
        Dns01Validator v = validator(List.of("example.com"));
        assertThat(v.validate(target("example.com")).verdict()).isEqualTo(Verdict.VALID);
        route53.denyAll = true;

        ValidationOutcome o = v.validate(target("example.com"));

        assertThat(o.verdict()).isEqualTo(Verdict.TRANSIENT);
        assertThat(o.problem().detail()).startsWith("Route53 ListResourceRecordSets for _acme-challenge.example.com. "
                + "in hosted zone Z0EXAMPLE1 failed: ").contains("not authorized");
    }
}
