package dev.stile.acme.validation.dns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PersistRecordTest {

    @Test
    void okIssuerDomainNamesAreTheNormalisedCaaIdentities() {
        assertThat(PersistRecord.issuerDomainNames(List.of("CA.Home.Arpa.", "ca.home.arpa")))
                .containsExactly("ca.home.arpa");
    }

    @Test
    void okTheDraftsExamplesParse() {
        PersistRecord r = PersistRecord.parse("ca1.example; accounturi=https://ca1.example/acme/acct/12345; policy=wildcard")
                .orElseThrow();
        assertThat(r.issuer()).isEqualTo("ca1.example");
        assertThat(r.parameter("accounturi")).hasValue("https://ca1.example/acme/acct/12345");
        assertThat(r.parameter("POLICY")).hasValue("wildcard");
        assertThat(PersistRecord.parse("CA2.Example.;accounturi=https://x/1;persistUntil=1767225600;future=1")
                .orElseThrow().parameters()).containsEntry("persistuntil", "1767225600").containsKey("future");
    }

    @Test
    void okTheRecordsOfDraft02Parse() {
        // draft-ietf-acme-dns-persist-02 Figure 10, its two strings joined as a TXT record's are.
        PersistRecord r = PersistRecord.parse("authority.example;" + " accounturi=https://ca.example/account-hash/"
                + "sha-256/5SQm7n6tPh2-PlLbCKGnViTXX5z19SCN4cPGQHSk-kw;" + " policy=wildcard;" + " persistUntil=1721952000")
                .orElseThrow();
        assertThat(r.issuer()).isEqualTo("authority.example");
        assertThat(r.parameter("accounturi"))
                .hasValue("https://ca.example/account-hash/sha-256/5SQm7n6tPh2-PlLbCKGnViTXX5z19SCN4cPGQHSk-kw");
        assertThat(r.parameter("persistUntil")).hasValue("1721952000");
        assertThat(r.repeatedTags()).isEmpty();
    }

    @Test
    void repeatedTagsAreKeptForTheValidatorToRefuse() {
        PersistRecord r = PersistRecord.parse("ca.example; accounturi=a; Policy=wildcard; policy=x").orElseThrow();
        assertThat(r.parameter("policy")).hasValue("wildcard");
        assertThat(r.repeatedTags()).containsExactly("policy");
    }

    @Test
    void issuerNamesNormalizeAsDraft02Section9_2Shows() {
        assertThat(PersistRecord.normalize("EXAMPLE.com.")).isEqualTo("example.com");
        // The draft's IDN example ends in xn--nicode-example-9jb.com, which is the A-label of
        // "\u00e9nicode-example.com" (its text shows a u-umlaut, whose A-label is ...-fsb.com instead).
        assertThat(PersistRecord.normalize("\u00c9NICODE-example.com.")).isEqualTo("xn--nicode-example-9jb.com");
        assertThat(PersistRecord.normalize("\u00dcNICODE-example.com.")).isEqualTo("xn--nicode-example-fsb.com");
    }

    @Test
    void failWhatIsNotAnIssueValue() {
        assertThat(PersistRecord.parse("v=spf1 -all")).isEmpty();
        assertThat(PersistRecord.parse("ca.example; accounturi")).isEmpty();
        assertThat(PersistRecord.parse("ca.example; account uri=x")).isEmpty();
    }
}
