package dev.stile.server.http.acme;

import dev.stile.testsupport.dns.DnsResponder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.util.KeyPairUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Validation settings per ACME provisioner: {@code home} has its own resolver, a per-zone
 * forwarder and a 2 s retry window; {@code acme} uses the global block. Asserted on what each DNS
 * responder was asked.
 */
class ProvisionerValidationIT {

    static final String D = AcmeTestServer.DOMAIN;

    @TempDir
    static Path dir;
    static DnsResponder homeResolver;
    static DnsResponder lanForwarder;
    static AcmeTestServer server;

    @BeforeAll
    static void start() throws Exception {
        homeResolver = DnsResponder.start();
        lanForwarder = DnsResponder.start();
        server = AcmeTestServer.startWithProvisioners(dir, "30s", """
                {"type": "ACME", "name": "home", "challenges": ["dns-01"], "validation": {
                   "resolvers": ["%s"], "zones": {"lan.%s": ["%s"]}, "retryWindow": "2s",
                   "allowNetworks": ["127.0.0.0/8"]}}""".formatted(homeResolver.address(), D, lanForwarder.address()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        homeResolver.close();
        lanForwarder.close();
    }

    static Login account(String provisioner) throws Exception {
        return new AccountBuilder().agreeToTermsOfService().useKeyPair(KeyPairUtils.createECKeyPair("secp256r1"))
                .createLogin(server.session(provisioner));
    }

    @Test
    void theProvisionersResolverAndZoneForwarderAnswerItsChallengesNotTheGlobalResolver() throws Exception {
        Login login = account("home");
        Order order = login.newOrder().domains("a." + D, "x.lan." + D).create();
        for (Authorization authz : order.getAuthorizations()) {
            Dns01Challenge c = authz.findChallenge(Dns01Challenge.class).orElseThrow();
            DnsResponder where = authz.getIdentifier().getDomain().endsWith(".lan." + D) ? lanForwarder : homeResolver;
            where.addTxt(c.getRRName(authz.getIdentifier()), c.getDigest());
            c.trigger();
            assertThat(c.waitForCompletion(AcmeFlows.WAIT)).as("%s", c.getError()).isEqualTo(Status.VALID);
        }
        assertThat(homeResolver.queriesFor("_acme-challenge.a." + D)).isNotEmpty();
        assertThat(lanForwarder.queriesFor("_acme-challenge.x.lan." + D)).isNotEmpty();
        assertThat(homeResolver.queriesFor("_acme-challenge.x.lan." + D)).isEmpty();
        assertThat(server.dns.queriesFor("_acme-challenge.a." + D)).as("the global resolver").isEmpty();
        assertThat(server.dns.queriesFor("_acme-challenge.x.lan." + D)).as("the global resolver").isEmpty();
    }

    @Test
    void theProvisionersRetryWindowEndsItsChallengesAndOthersKeepTheGlobalOne() throws Exception {
        Login home = account("home");
        Order order = home.newOrder().domain("b." + D).create();
        Dns01Challenge c = order.getAuthorizations().get(0).findChallenge(Dns01Challenge.class).orElseThrow();
        Instant start = Instant.now();
        c.trigger();
        assertThat(c.waitForCompletion(Duration.ofSeconds(20))).isEqualTo(Status.INVALID);
        assertThat(c.getError().orElseThrow().getDetail().orElse("")).contains("still failing after retrying for 2 s")
                .contains("via " + homeResolver.address());
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(15));

        Login global = account("acme");
        Order other = global.newOrder().domain("c." + D).create();
        Dns01Challenge g = other.getAuthorizations().get(0).findChallenge(Dns01Challenge.class).orElseThrow();
        g.trigger();
        Thread.sleep(3500);
        // Planned attempts at +1, +3, +7 s: polled at ~3.5 s, the next result is due just after +7 s.
        Instant polled = Instant.now();
        Instant retryAfter = g.fetch().orElseThrow();
        assertThat(Duration.between(polled, retryAfter).toSeconds()).as("Retry-After").isBetween(3L, 6L);
        assertThat(g.getStatus()).as("the global 30 s window still retries").isEqualTo(Status.PROCESSING);
        assertThat(g.getError().orElseThrow().getDetail().orElse("")).as("the attempt's problem while processing")
                .contains("DNS-01 record missing").contains("via " + server.dns.address());
        assertThat(server.dns.queriesFor("_acme-challenge.c." + D)).isNotEmpty();
    }
}
