package dev.stile.server.http.acme;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.acme.model.Authorization;
import dev.stile.acme.model.Challenge;
import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.model.Order;
import dev.stile.acme.model.Status;
import dev.stile.acme.problem.AcmeProblem;
import dev.stile.acme.problem.ProblemDocument;
import dev.stile.acme.service.AcmeLinks;
import dev.stile.acme.validation.ValidationRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AcmeJsonTest {

    private static final AcmeLinks LINKS = new AcmeLinks("https://ca.test:9000", "acme");
    private static final Instant T = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void problemCarriesSubproblemsWithTheirIdentifier() {
        ProblemDocument sub = AcmeProblem.REJECTED_IDENTIFIER.withDetail("bad label").about(Identifier.dns("a_b.test"));
        JsonNode p = AcmeJson.problem(AcmeProblem.REJECTED_IDENTIFIER.withDetail("1 identifier rejected")
                .withSubproblems(List.of(sub)));
        assertThat(p.path("type").asText()).isEqualTo("urn:ietf:params:acme:error:rejectedIdentifier");
        assertThat(p.path("status").asInt()).isEqualTo(400);
        assertThat(p.path("subproblems").get(0).path("identifier").path("value").asText()).isEqualTo("a_b.test");
        assertThat(p.path("subproblems").get(0).path("detail").asText()).isEqualTo("bad label");
        assertThat(p.has("identifier")).isFalse();
    }

    @Test
    void challengeShowsItsValidationRecordsAndError() {
        ValidationRecord r = new ValidationRecord(T, "www.test", 80, "http://www.test/.well-known/acme-challenge/t",
                List.of("127.0.0.1"), "127.0.0.1", "127.0.0.1:53", null, "HTTP 404");
        Challenge c = new Challenge("c1", "a1", ChallengeType.HTTP_01, "tok", Status.INVALID, null,
                AcmeProblem.INCORRECT_RESPONSE.withDetail("answered HTTP 404"), List.of(r), T);
        JsonNode j = AcmeJson.challenge(c, "a1", LINKS);
        assertThat(j.path("url").asText()).isEqualTo("https://ca.test:9000/acme/acme/challenge/a1/c1");
        assertThat(j.path("status").asText()).isEqualTo("invalid");
        assertThat(j.path("error").path("detail").asText()).isEqualTo("answered HTTP 404");
        JsonNode rec = j.path("validationRecord").get(0);
        assertThat(rec.path("hostname").asText()).isEqualTo("www.test");
        assertThat(rec.path("port").asText()).isEqualTo("80");
        assertThat(rec.path("addressesResolved").get(0).asText()).isEqualTo("127.0.0.1");
        assertThat(rec.has("query")).isFalse();
        assertThat(j.has("validated")).isFalse();
    }

    @Test
    void wildcardAuthorizationNamesTheBaseDomain() {
        Authorization a = new Authorization("a1", "acc", Identifier.dns("example.test"), true, Status.PENDING, T,
                List.of(Challenge.pending("c1", "a1", ChallengeType.DNS_01, "tok")));
        JsonNode j = AcmeJson.authorization(a, LINKS);
        assertThat(j.path("identifier").path("value").asText()).isEqualTo("example.test");
        assertThat(j.path("wildcard").asBoolean()).isTrue();
        assertThat(j.path("challenges")).hasSize(1);
    }

    @Test
    void orderHasACertificateLinkOnlyWhenValid() {
        Order pending = new Order("o1", "acc", "acme", Status.PENDING, List.of(Identifier.dns("a.test")), null, null, T,
                List.of("a1"), null, null, "shortlived", null, T);
        JsonNode j = AcmeJson.order(pending, LINKS);
        assertThat(j.path("finalize").asText()).isEqualTo("https://ca.test:9000/acme/acme/order/o1/finalize");
        assertThat(j.path("authorizations").get(0).asText()).isEqualTo("https://ca.test:9000/acme/acme/authz/a1");
        assertThat(j.path("profile").asText()).isEqualTo("shortlived");
        assertThat(j.has("certificate")).isFalse();
        assertThat(j.has("notBefore")).isFalse();
        Order valid = new Order("o1", "acc", "acme", Status.VALID, List.of(Identifier.dns("a.test")), null, null, T,
                List.of("a1"), null, "cert1", null, null, T);
        assertThat(AcmeJson.order(valid, LINKS).path("certificate").asText())
                .isEqualTo("https://ca.test:9000/acme/acme/certificate/cert1");
    }
}
