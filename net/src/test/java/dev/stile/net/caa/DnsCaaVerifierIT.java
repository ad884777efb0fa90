package dev.stile.net.caa;

import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.problem.ProblemDocument;
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

class DnsCaaVerifierIT {

    private static final String ACCOUNT = "https://ca.example.net/acme/acme/account/abc";

    private DnsResponder dns;
    private DnsCaaVerifier caa;

    @BeforeEach
    void start() throws Exception {
        dns = DnsResponder.start();
        DnsClient client = new DnsClient(List.of(DnsServer.parse(dns.address())), Map.of(), Duration.ofMillis(300), 2,
                Clock.systemUTC());
        caa = new DnsCaaVerifier(client, List.of("ca.example.net"));
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    private ProblemDocument check(String name, ChallengeType method) {
        return caa.check(Identifier.dns(name), ACCOUNT, method);
    }

    @Test
    void noCaaRecordsAllowEveryone() {
        assertThat(check("www.example.com", ChallengeType.HTTP_01)).isNull();
    }

    @Test
    void climbsToTheParentAndMatchesOurIdentity() {
        dns.add("example.com", "CAA", "0 issue \"ca.example.net\"");
        assertThat(check("a.b.example.com", ChallengeType.HTTP_01)).isNull();
        assertThat(dns.queries()).extracting(DnsResponder.Query::name)
                .containsSubsequence("a.b.example.com", "b.example.com", "example.com");

        dns.clear().add("example.com", "CAA", "0 issue \"letsencrypt.org\"");
        ProblemDocument p = check("a.b.example.com", ChallengeType.HTTP_01);
        assertThat(p.type()).endsWith(":caa");
        assertThat(p.detail()).contains("example.com", "\"letsencrypt.org\" names another CA");
    }

    @Test
    void issuewildGovernsWildcards() {
        dns.add("example.com", "CAA", "0 issue \"ca.example.net\"").add("example.com", "CAA", "0 issuewild \";\"");
        assertThat(check("www.example.com", ChallengeType.DNS_01)).isNull();
        assertThat(check("*.example.com", ChallengeType.DNS_01).detail()).contains("issuewild", "forbids every CA");
    }

    @Test
    void accountUriAndValidationMethodsAreEnforced() {
        dns.add("example.com", "CAA", "0 issue \"ca.example.net; accounturi=" + ACCOUNT + "; validationmethods=dns-01\"");
        assertThat(check("example.com", ChallengeType.DNS_01)).isNull();
        assertThat(check("example.com", ChallengeType.HTTP_01).detail()).contains("does not allow validation method http-01");
        assertThat(caa.check(Identifier.dns("example.com"), "https://other/acct/1", ChallengeType.DNS_01).detail())
                .contains("limited to account " + ACCOUNT);
    }

    @Test
    void unknownCriticalPropertiesForbidIssuance() {
        dns.add("example.com", "CAA", "0 issue \"ca.example.net\"").add("example.com", "CAA", "128 tbs \"x\"");
        assertThat(check("example.com", ChallengeType.HTTP_01).detail()).contains("critical property \"tbs\"");
    }

    @Test
    void aFailedLookupRefusesWithADnsProblem() {
        dns.servfailFor(Duration.ofMinutes(1));
        ProblemDocument p = check("example.com", ChallengeType.HTTP_01);
        assertThat(p.type()).endsWith(":dns");
        assertThat(p.detail()).contains("CAA lookup of example.com via " + dns.address(), "SERVFAIL");
    }
}
