package dev.stile.acme.service;

import dev.stile.acme.model.Identifier;
import dev.stile.acme.problem.AcmeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class IdentifiersTest {

    @ParameterizedTest(name = "{0}: {1}:{2}")
    @CsvSource({
            "ok/lowercased, dns, WWW.Example.COM, www.example.com, ",
            "ok/wildcard, dns, *.example.com, *.example.com, ",
            "ok/xn-label, dns, xn--bcher-kva.example, xn--bcher-kva.example, ",
            "ok/ipv4, ip, 192.0.2.1, 192.0.2.1, ",
            "ok/ipv6-compressed, ip, 2001:DB8:0:0:0:0:0:1, 2001:db8::1, ",
            "ok/ipv6-loopback, ip, ::1, ::1, ",
            "fail/trailing-dot, dns, example.com., , rejectedIdentifier",
            "fail/single-label, dns, localhost, , rejectedIdentifier",
            "fail/underscore, dns, a_b.example.com, , rejectedIdentifier",
            "fail/inner-wildcard, dns, a.*.example.com, , rejectedIdentifier",
            "fail/wildcard-of-tld, dns, *.com, , rejectedIdentifier",
            "fail/leading-hyphen, dns, -a.example.com, , rejectedIdentifier",
            "fail/numeric-tld, dns, a.123, , rejectedIdentifier",
            "fail/unicode, dns, bücher.example, , rejectedIdentifier",
            "fail/ip-as-dns, dns, 192.0.2.1, , malformed",
            "fail/bad-ip, ip, 300.1.1.1, , malformed",
            "fail/name-as-ip, ip, example.com, , malformed",
            "fail/leading-zero-ip, ip, 010.0.0.1, , malformed",
            "fail/email, email, a@example.com, , unsupportedIdentifier",
    })
    void normalise(String name, String type, String value, String expected, String problem) {
        if (problem == null) {
            assertThat(Identifiers.normalise(List.of(new Identifier(type, value))))
                    .containsExactly(new Identifier(type, expected));
        } else {
            AcmeException e = catchThrowableOfType(AcmeException.class,
                    () -> Identifiers.normalise(List.of(new Identifier(type, value))));
            assertThat(e).isNotNull();
            assertThat(e.problem().type()).endsWith(":" + problem);
            assertThat(e.problem().subproblems()).hasSize(1);
            assertThat(e.problem().subproblems().get(0).identifier()).isEqualTo(new Identifier(type, value));
        }
    }

    @Test
    void failMixedProblemsAreCompoundWithOneSubproblemPerIdentifier() {
        AcmeException e = catchThrowableOfType(AcmeException.class, () -> Identifiers.normalise(List.of(
                Identifier.dns("ok.example.com"), Identifier.dns("bad_name.example.com"), new Identifier("email", "x"))));
        assertThat(e.problem().type()).endsWith(":compound");
        assertThat(e.problem().subproblems()).extracting(p -> p.identifier().value())
                .containsExactly("bad_name.example.com", "x");
    }

    @Test
    void okDuplicatesCollapse() {
        assertThat(Identifiers.normalise(List.of(Identifier.dns("A.example.com"), Identifier.dns("a.example.com"))))
                .containsExactly(Identifier.dns("a.example.com"));
    }
}
