package dev.stile.acme.validation.dns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The hashed account URI against draft-ietf-acme-dns-persist-02 §10.2, the draft's own test vector. */
class HashedAccountUriTest {

    private static final String PREFIX = "https://ca.example/account-hash/";
    private static final String THUMBPRINT = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"; // RFC 7638 §3.1
    private static final String ACCOUNT = "https://ca.example/acct/123";

    @Test
    void domainBoundFormMatchesTheDraftsVector() {
        assertThat(HashedAccountUri.of(PREFIX, "example.com", THUMBPRINT, ACCOUNT))
                .isEqualTo("https://ca.example/account-hash/sha-256/5SQm7n6tPh2-PlLbCKGnViTXX5z19SCN4cPGQHSk-kw");
    }

    @Test
    void anyDomainOptOutMatchesTheDraftsVector() {
        assertThat(HashedAccountUri.of(PREFIX, "*", THUMBPRINT, ACCOUNT))
                .isEqualTo("https://ca.example/account-hash/sha-256/NpDnSwUthQK8zCgFdefYxAdAVPnygMLbs9US6oO-5ug");
    }

    @Test
    void domainIsComparedInLowerCase() {
        assertThat(HashedAccountUri.of(PREFIX, "EXAMPLE.com", THUMBPRINT, ACCOUNT))
                .isEqualTo(HashedAccountUri.of(PREFIX, "example.com", THUMBPRINT, ACCOUNT));
    }

    @Test
    void stilesPrefixSitsBesideTheAccountUrls() {
        assertThat(HashedAccountUri.prefixFor("https://ca.home.arpa:9000/acme/home/account/Vb2"))
                .isEqualTo("https://ca.home.arpa:9000/acme/home/account-hash/");
    }

    @Test
    void acceptsBothFormsForEveryAccountUrlAndJudgesShape() {
        String url = "https://ca.home.arpa/acme/home/account/x";
        var accepted = HashedAccountUri.accepted(List.of(url), "nas.home.arpa", THUMBPRINT);
        assertThat(accepted).hasSize(2).allSatisfy(u -> assertThat(HashedAccountUri.wellFormed(u, List.of(url))).isTrue());
        assertThat(HashedAccountUri.wellFormed(url, List.of(url))).isFalse();
        assertThat(HashedAccountUri.wellFormed("https://ca.home.arpa/acme/home/account-hash/sha-512/abc", List.of(url))).isFalse();
    }
}
