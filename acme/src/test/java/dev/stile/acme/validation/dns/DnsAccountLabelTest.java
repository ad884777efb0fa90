package dev.stile.acme.validation.dns;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DnsAccountLabelTest {

    @Test
    void okTheDraftsExampleAccountGetsItsLabel() {
        // The example of draft-ietf-acme-dns-account-label (account URL -> label).
        assertThat(DnsAccountLabel.validationName("https://example.com/acme/acct/ExampleAccount", "example.org"))
                .isEqualTo("_ujmmovf2vn55tgye._acme-challenge.example.org");
    }

    @Test
    void okBase32FollowsRfc4648() {
        // RFC 4648 §10: BASE32("fooba") = "MZXW6YTB".
        assertThat(DnsAccountLabel.base32("fooba".getBytes(), 5)).isEqualTo("mzxw6ytb");
    }
}
