package dev.stile.net.dns;

import dev.stile.acme.validation.dns.Dns01Validator;
import dev.stile.acme.validation.dns.DnsPersist01Validator;
import dev.stile.acme.validation.dns.DnsAccountLabel;
import dev.stile.acme.validation.dns.DnsServer;
import dev.stile.acme.validation.dns.HashedAccountUri;
import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.validation.KeyAuthorizations;
import dev.stile.acme.validation.ValidationOutcome;
import dev.stile.acme.validation.ValidationOutcome.Verdict;
import dev.stile.acme.validation.ValidationTarget;
import dev.stile.testsupport.dns.DnsResponder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** dns-account-01 and dns-persist-01 classification against the DNS responder. */
class DraftDnsValidatorsIT {

    static final String KEY_AUTH = "tok.thumb";
    static final String ACCOUNT = "https://ca.home.arpa:9000/acme/home/account/A1";
    static final String OTHER_NAME_URL = "https://10.0.0.2:9000/acme/home/account/A1";

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

    private ValidationOutcome persist(String name, boolean wildcard) {
        return new DnsPersist01Validator(new DnsTxtLookup(client, null), Clock.systemUTC()).validate(new ValidationTarget(
                Identifier.dns(name), "tok", KEY_AUTH, ACCOUNT, wildcard, List.of(ACCOUNT, OTHER_NAME_URL),
                List.of("ca.home.arpa")));
    }

    @Test
    void dnsAccount01AcceptsTheLabelOfAnyOfTheAccountsUrls() {
        Dns01Validator v = new Dns01Validator(new DnsTxtLookup(client, null), null, Clock.systemUTC(), ChallengeType.DNS_ACCOUNT_01);
        ValidationTarget t = new ValidationTarget(Identifier.dns("nas.home.arpa"), "tok", KEY_AUTH, ACCOUNT, false,
                List.of(ACCOUNT, OTHER_NAME_URL), List.of());
        ValidationOutcome missing = v.validate(t);
        assertThat(missing.verdict()).isEqualTo(Verdict.TRANSIENT);
        assertThat(missing.problem().detail()).startsWith("DNS-ACCOUNT-01 record missing: TXT "
                + DnsAccountLabel.validationName(ACCOUNT, "nas.home.arpa"));

        dns.addTxt(DnsAccountLabel.validationName(OTHER_NAME_URL, "nas.home.arpa"), KeyAuthorizations.dnsTxtValue(KEY_AUTH));
        assertThat(v.validate(t).verdict()).isEqualTo(Verdict.VALID);
        assertThat(dns.queriesFor("_acme-challenge.nas.home.arpa")).as("never the shared dns-01 name").isEmpty();
    }

    /** The hashed URI (draft-ietf-acme-dns-persist-02 §4.1) of account URL {@code url} for {@code domain}. */
    private static String hashed(String url, String domain) {
        return HashedAccountUri.of(HashedAccountUri.prefixFor(url), domain, "thumb", url);
    }

    @Test
    void dnsPersist01MissingIsTransientOtherIssuersAreUnauthorizedAndOursMustMatch() {
        ValidationOutcome missing = persist("nas.home.arpa", false);
        assertThat(missing.verdict()).isEqualTo(Verdict.TRANSIENT);
        assertThat(missing.problem().detail()).contains("DNS-PERSIST-01 record missing: TXT _validation-persist.nas.home.arpa")
                .contains("expected a record such as \"ca.home.arpa; accounturi=" + hashed(ACCOUNT, "nas.home.arpa") + "\"")
                .contains("https://ca.home.arpa:9000/acme/home/account-hash/sha-256/");

        dns.addTxt("_validation-persist.nas.home.arpa", "letsencrypt.org; accounturi=https://acme-v02.example/acct/1");
        ValidationOutcome other = persist("nas.home.arpa", false);
        assertThat(other.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(other.problem().type()).as("§9.3.1: an unknown issuer is unauthorized").endsWith(":unauthorized");
        assertThat(other.problem().detail()).contains("no record for this CA's issuer domain names [ca.home.arpa]");

        // Ours, hashed under the CA's other DNS name's account URL, split into two strings as §4.1's
        // example is, with a future persistUntil and an unknown tag.
        dns.add("_validation-persist.nas.home.arpa", "TXT", "\"CA.Home.Arpa.;\" \" accounturi="
                + hashed(OTHER_NAME_URL, "nas.home.arpa") + "; persistUntil=4102444800; future=yes\"");
        ValidationOutcome ours = persist("nas.home.arpa", false);
        assertThat(ours.verdict()).isEqualTo(Verdict.VALID);
        assertThat(ours.validUntil()).as("the authorization ends by persistUntil").isEqualTo(java.time.Instant.ofEpochSecond(4102444800L));
        ValidationOutcome wildcard = persist("nas.home.arpa", true);
        assertThat(wildcard.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(wildcard.problem().type()).endsWith(":unauthorized");
        assertThat(wildcard.problem().detail()).contains("a wildcard needs policy=wildcard");
    }

    @Test
    void dnsPersist01AcceptsTheAnyDomainFormAndRefusesAnotherDomainsHash() {
        dns.addTxt("_validation-persist.c.home.arpa", "ca.home.arpa; accounturi=" + hashed(ACCOUNT, "*"));
        assertThat(persist("c.home.arpa", false).verdict()).isEqualTo(Verdict.VALID);
        dns.addTxt("_validation-persist.d.home.arpa", "ca.home.arpa; accounturi=" + hashed(ACCOUNT, "c.home.arpa"));
        ValidationOutcome moved = persist("d.home.arpa", false);
        assertThat(moved.problem().type()).endsWith(":unauthorized");
        assertThat(moved.problem().detail()).contains("which is not this account's hashed URI " + hashed(ACCOUNT, "d.home.arpa"));
    }

    @Test
    void dnsPersist01RefusesMalformedRecordsAsMalformed() {
        dns.addTxt("_validation-persist.a.home.arpa", "ca.home.arpa; accounturi=" + hashed(ACCOUNT, "a.home.arpa")
                + "; persistUntil=soon");
        ValidationOutcome soon = persist("a.home.arpa", false);
        assertThat(soon.problem().type()).endsWith(":malformed");
        assertThat(soon.problem().detail()).contains("persistUntil=soon, which is not a UNIX time");
        dns.addTxt("_validation-persist.g.home.arpa", "ca.home.arpa; accounturi=" + hashed(ACCOUNT, "g.home.arpa")
                + "; persistUntil=99999999999999999999999");
        ValidationOutcome farFuture = persist("g.home.arpa", false);
        assertThat(farFuture.verdict()).as("an integer beyond Java's instants is the far future").isEqualTo(Verdict.VALID);
        assertThat(farFuture.validUntil()).as("no limit a database could not store").isNull();
        dns.addTxt("_validation-persist.b.home.arpa", "ca.home.arpa");
        assertThat(persist("b.home.arpa", false).problem().detail()).contains("has no accounturi");
        // What a draft -00/-01 client publishes: the account URL in clear. -02 no longer accepts it.
        dns.addTxt("_validation-persist.e.home.arpa", "ca.home.arpa; accounturi=" + ACCOUNT);
        ValidationOutcome old = persist("e.home.arpa", false);
        assertThat(old.problem().type()).endsWith(":malformed");
        assertThat(old.problem().detail()).contains("names the account URL itself, as drafts -00 and -01 did")
                .contains(hashed(ACCOUNT, "e.home.arpa"));
        dns.addTxt("_validation-persist.f.home.arpa", "ca.home.arpa; accounturi=" + hashed(ACCOUNT, "f.home.arpa")
                + "; policy=wildcard; policy=none");
        assertThat(persist("f.home.arpa", false).problem().detail()).contains("repeats [policy]");
    }
}
