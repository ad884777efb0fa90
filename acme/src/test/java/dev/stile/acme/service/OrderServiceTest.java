package dev.stile.acme.service;

import dev.stile.acme.model.Account;
import dev.stile.acme.model.Authorization;
import dev.stile.acme.model.Challenge;
import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.model.Order;
import dev.stile.acme.model.Status;
import dev.stile.acme.problem.AcmeException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.stile.acme.service.AcmeFixture.dnsIds;
import static dev.stile.acme.service.AcmeFixture.problem;
import static org.assertj.core.api.Assertions.assertThat;

class OrderServiceTest {

    final AcmeFixture f = new AcmeFixture();
    final Account account = f.newAccount();

    Order order(String payload) {
        return f.orderService.newOrder(f.settings, f.kidRequest(account, f.links.newOrder(), payload));
    }

    @Test
    void okChallengesPerIdentifierKind() {
        Order o = f.newOrder(account, dnsIds("www.example.com", "*.example.com", "192.0.2.7"));
        assertThat(o.status()).isEqualTo(Status.PENDING);
        assertThat(o.identifiers()).containsExactly(Identifier.dns("www.example.com"), Identifier.dns("*.example.com"),
                Identifier.ip("192.0.2.7"));
        List<Authorization> authzs = f.orders.findAuthorizations(o.authorizationIds());
        assertThat(types(authzs.get(0))).containsExactlyInAnyOrder(ChallengeType.HTTP_01, ChallengeType.DNS_01, ChallengeType.TLS_ALPN_01);
        assertThat(authzs.get(1).wildcard()).isTrue();
        assertThat(authzs.get(1).identifier()).isEqualTo(Identifier.dns("example.com"));
        assertThat(types(authzs.get(1))).containsExactly(ChallengeType.DNS_01);
        assertThat(types(authzs.get(2))).containsExactlyInAnyOrder(ChallengeType.HTTP_01, ChallengeType.TLS_ALPN_01);
        Set<String> tokens = new HashSet<>();
        authzs.forEach(a -> a.challenges().forEach(c -> tokens.add(c.token())));
        assertThat(tokens).hasSize(6).allMatch(t -> t.matches("[A-Za-z0-9_-]{22}"));
        assertThat(o.expires()).isEqualTo(f.clock.instant().plus(Duration.ofHours(24)));
    }

    @Test
    void okProvisionerChallengeSubset() {
        f.settings = new AcmeProvisionerSettings("acme", EnumSet.of(ChallengeType.HTTP_01), false, null, null, null,
                null, null, null, null, null, null);
        Order o = f.newOrder(account, dnsIds("www.example.com"));
        assertThat(types(f.orders.findAuthorization(o.authorizationIds().get(0)).orElseThrow())).containsExactly(ChallengeType.HTTP_01);
        AcmeException e = problem("rejectedIdentifier", () -> f.newOrder(account, dnsIds("*.example.com")));
        assertThat(e.problem().subproblems()).hasSize(1);
        assertThat(e.problem().detail()).contains("dns-01");
    }

    @Test
    void okValidAuthorizationIsReusedForTheSameAccountOnly() {
        Order first = f.newOrder(account, dnsIds("www.example.com"));
        f.validateAll(first);
        Order second = f.newOrder(account, dnsIds("www.example.com", "api.example.com"));
        assertThat(second.authorizationIds().get(0)).isEqualTo(first.authorizationIds().get(0));
        assertThat(second.authorizationIds().get(1)).isNotEqualTo(first.authorizationIds().get(0));
        Order other = f.newOrder(f.newAccount(), dnsIds("www.example.com"));
        assertThat(other.authorizationIds()).doesNotContainAnyElementsOf(first.authorizationIds());
        f.clock.advance(Duration.ofHours(25));
        Order later = f.newOrder(account, dnsIds("www.example.com"));
        assertThat(later.authorizationIds()).doesNotContainAnyElementsOf(first.authorizationIds());
    }

    @Test
    void failIdentifierProblemsCarrySubproblems() {
        AcmeException e = problem("rejectedIdentifier", () -> f.newOrder(account, dnsIds("bad_name.example.com", "ok.example.com")));
        assertThat(e.problem().subproblems()).singleElement()
                .satisfies(p -> assertThat(p.identifier().value()).isEqualTo("bad_name.example.com"));
        problem("unsupportedIdentifier", () -> order("{\"identifiers\":[{\"type\":\"email\",\"value\":\"a@b.c\"}]}"));
        problem("malformed", () -> order("{\"identifiers\":[]}"));
        problem("malformed", () -> order("{}"));
        problem("malformed", () -> order(""));
    }

    @Test
    void failIdentifierRefusedByPolicyCreatesNothing() {
        OrderService guarded = new OrderService(f.orders, f.certificates, f.clock, (prov, ids) ->
                ids.stream().anyMatch(id -> id.value().endsWith(".internal"))
                        ? "provisioner " + prov + " does not allow db.internal" : null);
        AcmeException e = problem("rejectedIdentifier", () -> guarded.newOrder(f.settings,
                f.kidRequest(account, f.links.newOrder(), "{\"identifiers\":" + dnsIds("www.example.com", "db.internal") + "}")));
        assertThat(e.problem().detail()).isEqualTo("provisioner acme does not allow db.internal");
        assertThat(f.orders.listOrders(account.id(), new dev.stile.core.PageRequest("", 10)).items()).isEmpty();
        Order allowed = guarded.newOrder(f.settings, f.kidRequest(account, f.links.newOrder(),
                "{\"identifiers\":" + dnsIds("www.example.com") + "}"));
        assertThat(allowed.status()).isEqualTo(Status.PENDING);
    }

    @Test
    void okAndFailNotBeforeNotAfter() {
        Order ok = order("{\"identifiers\":" + dnsIds("a.example.com") + ",\"notBefore\":\"2026-01-01T01:00:00Z\",\"notAfter\":\"2026-01-01T13:00:00Z\"}");
        assertThat(ok.notAfter()).isEqualTo(AcmeFixture.at("2026-01-01T13:00:00Z"));
        problem("malformed", () -> order("{\"identifiers\":" + dnsIds("a.example.com") + ",\"notAfter\":\"2026-01-03T00:00:00Z\"}"));
        problem("malformed", () -> order("{\"identifiers\":" + dnsIds("a.example.com") + ",\"notAfter\":\"2026-01-01T00:01:00Z\"}"));
        problem("malformed", () -> order("{\"identifiers\":" + dnsIds("a.example.com") + ",\"notBefore\":\"2025-12-01T00:00:00Z\"}"));
        problem("malformed", () -> order("{\"identifiers\":" + dnsIds("a.example.com") + ",\"notAfter\":\"tomorrow\"}"));
    }

    @Test
    void failProfileMustBeOffered() {
        problem("invalidProfile", () -> order("{\"identifiers\":" + dnsIds("a.example.com") + ",\"profile\":\"shortlived\"}"));
        f.settings = new AcmeProvisionerSettings("acme", null, false, null, null, null, null, null, null,
                Map.of("shortlived", new AcmeProvisionerSettings.Profile("6 hours", Duration.ofHours(6))), null, null);
        assertThat(order("{\"identifiers\":" + dnsIds("a.example.com") + ",\"profile\":\"shortlived\"}").profile()).isEqualTo("shortlived");
    }

    @Test
    void okEachProfileReusesAuthorizationsOnlyWithinItsOwnWindow() {
        f.settings = new AcmeProvisionerSettings("acme", null, false, null, null, null, null, null, null,
                Map.of("default", new AcmeProvisionerSettings.Profile("24 h", Duration.ofHours(24), Duration.ofHours(24)),
                        "shortlived", new AcmeProvisionerSettings.Profile("6 h", Duration.ofHours(6), Duration.ofHours(2))),
                null, null);
        Order first = f.newOrder(account, dnsIds("a.example.com"));
        f.validateAll(first);
        String validated = first.authorizationIds().get(0);
        f.clock.advance(Duration.ofHours(1));
        assertThat(order("{\"identifiers\":" + dnsIds("a.example.com") + ",\"profile\":\"shortlived\"}")
                .authorizationIds()).containsExactly(validated);
        f.clock.advance(Duration.ofHours(2));
        // Validated 3 h ago: too old for shortlived (2 h), still fine for default (24 h) and no profile.
        assertThat(order("{\"identifiers\":" + dnsIds("a.example.com") + ",\"profile\":\"shortlived\"}")
                .authorizationIds()).doesNotContain(validated);
        assertThat(order("{\"identifiers\":" + dnsIds("a.example.com") + ",\"profile\":\"default\"}")
                .authorizationIds()).containsExactly(validated);
        assertThat(order("{\"identifiers\":" + dnsIds("a.example.com") + "}").authorizationIds()).containsExactly(validated);
    }

    @Test
    void failOrderOfAnotherAccountAndUnknownOrder() {
        Order o = f.newOrder(account, dnsIds("a.example.com"));
        Account other = f.newAccount();
        problem("unauthorized", () -> f.orderService.order(f.kidRequest(other, f.links.order(o.id()), ""), o.id()));
        AcmeException e = problem("malformed", () -> f.orderService.order(f.kidRequest(account, f.links.order("x"), ""), "x"));
        assertThat(e.problem().status()).isEqualTo(404);
        problem("malformed", () -> f.orderService.order(f.kidRequest(account, f.links.order(o.id()), "{}"), o.id()));
    }

    @Test
    void okOrderBecomesReadyThenInvalidWhenExpired() {
        Order o = f.newOrder(account, dnsIds("a.example.com"));
        f.validateAll(o);
        assertThat(f.orderService.order(f.kidRequest(account, f.links.order(o.id()), ""), o.id()).status()).isEqualTo(Status.READY);
        f.clock.advance(Duration.ofHours(24));
        assertThat(f.orderService.order(f.kidRequest(account, f.links.order(o.id()), ""), o.id()).status()).isEqualTo(Status.INVALID);
    }

    @Test
    void okNewAuthzPreAuthorization() {
        Authorization a = f.authzService.newAuthz(f.settings, f.kidRequest(account, f.links.newAuthz(),
                "{\"identifier\":{\"type\":\"dns\",\"value\":\"Pre.Example.com\"}}"));
        assertThat(a.identifier()).isEqualTo(Identifier.dns("pre.example.com"));
        assertThat(a.status()).isEqualTo(Status.PENDING);
        problem("rejectedIdentifier", () -> f.authzService.newAuthz(f.settings, f.kidRequest(account, f.links.newAuthz(),
                "{\"identifier\":{\"type\":\"dns\",\"value\":\"*.example.com\"}}")));
        problem("unsupportedIdentifier", () -> f.authzService.newAuthz(f.settings, f.kidRequest(account, f.links.newAuthz(),
                "{\"identifier\":{\"type\":\"ip\",\"value\":\"192.0.2.1\"}}")));
        Challenge c = a.challenges().get(0);
        f.orders.markChallengeProcessing(c.id(), f.clock.instant());
        f.orders.recordValidation(c.id(), true, null, List.of(), f.clock.instant());
        Order o = f.newOrder(account, dnsIds("pre.example.com"));
        assertThat(o.authorizationIds()).containsExactly(a.id());
        assertThat(o.status()).isEqualTo(Status.READY);
    }

    @Test
    void okAuthorizationDeactivation() {
        Order o = f.newOrder(account, dnsIds("a.example.com"));
        String id = o.authorizationIds().get(0);
        Authorization a = f.authzService.authorization(f.kidRequest(account, f.links.authz(id), "{\"status\":\"deactivated\"}"), id);
        assertThat(a.status()).isEqualTo(Status.DEACTIVATED);
        assertThat(f.orderService.order(f.kidRequest(account, f.links.order(o.id()), ""), o.id()).status()).isEqualTo(Status.INVALID);
        problem("malformed", () -> f.authzService.authorization(f.kidRequest(account, f.links.authz(id), "{\"status\":\"deactivated\"}"), id));
        problem("unauthorized", () -> f.authzService.authorization(f.kidRequest(f.newAccount(), f.links.authz(id), ""), id));
    }

    static Set<ChallengeType> types(Authorization a) {
        Set<ChallengeType> s = EnumSet.noneOf(ChallengeType.class);
        a.challenges().forEach(c -> s.add(c.type()));
        assertThat(s).hasSize(a.challenges().size());
        return s;
    }
}
