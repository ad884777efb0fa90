package dev.stile.server.http.acme;

import dev.stile.server.testsupport.PostgresSchema;
import dev.stile.acme.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.util.KeyPairUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits across replicas and over time: two servers on one PostgreSQL count against the same
 * limit, and a homelab client renewing a 24 h certificate every hour for five simulated days is
 * never limited by the defaults (while it renews more often than the default certificate budget
 * of one day holds, so only the refill keeps it going).
 */
class AcmeRateLimitsSharedIT {

    private static final String D = AcmeTestServer.DOMAIN;

    @TempDir
    Path dir;

    @Test
    void twoServersOnOnePostgresqlShareTheLimit() throws Exception {
        try (PostgresSchema schema = PostgresSchema.create()) {
            AcmeTestServer.Setup setup = AcmeTestServer.Setup.standard()
                    .with(AcmeRateLimitsIT.LIMITED_PROVISIONERS, "", schema.dbJson());
            try (AcmeTestServer one = AcmeTestServer.start(dir.resolve("one"), setup);
                 AcmeTestServer two = AcmeTestServer.start(dir.resolve("two"), setup)) {
                AcmeRateLimitsIT.newAccount(one, "few-accounts", KeyPairUtils.createECKeyPair("secp256r1"));
                AcmeRateLimitsIT.newAccount(two, "few-accounts", KeyPairUtils.createECKeyPair("secp256r1"));
                AcmeRateLimitsIT.newAccount(one, "few-accounts", KeyPairUtils.createECKeyPair("secp256r1"));
                for (AcmeTestServer server : new AcmeTestServer[] {two, one}) {
                    AcmeRateLimitsIT.assertRateLimited(() -> AcmeRateLimitsIT.newAccount(server, "few-accounts",
                                    KeyPairUtils.createECKeyPair("secp256r1")), "newAccountsPerAddress",
                            Duration.ofMinutes(19), Duration.ofMinutes(21));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void anHourlyRenewalForFiveDaysIsNeverLimitedByTheDefaults(String backend) throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        PostgresSchema schema = backend.equals("postgresql") ? PostgresSchema.create() : null;
        AcmeTestServer.Setup setup = AcmeTestServer.Setup.standard().withClock(clock)
                .with("", "", schema == null ? "" : schema.dbJson());
        try (AcmeTestServer server = AcmeTestServer.start(dir.resolve(backend), setup)) {
            Login login = AcmeRateLimitsIT.login(server, "acme");
            Set<String> serials = new HashSet<>();
            for (int hour = 0; hour < 120; hour++) {
                Order order = login.newOrder().domain("www." + D).domain("api." + D).create();
                for (Authorization authz : order.getAuthorizations()) {
                    AcmeFlows.solve(server, authz, Http01Challenge.TYPE); // only when its authorization expired
                }
                assertThat(order.waitUntilReady(AcmeFlows.WAIT)).isEqualTo(Status.READY);
                order.execute(KeyPairUtils.createECKeyPair("secp256r1"));
                assertThat(order.waitForCompletion(AcmeFlows.WAIT)).as("hour %d: %s", hour, order.getError())
                        .isEqualTo(Status.VALID);
                serials.add(order.getCertificate().getCertificate().getSerialNumber().toString(16));
                clock.advance(Duration.ofHours(1));
            }
            assertThat(serials).hasSize(120);
            assertThat(server.app().ops().metrics().scrape()).doesNotContain("stile_rate_limited_total{");
        } finally {
            if (schema != null) {
                schema.close();
            }
        }
    }
}
