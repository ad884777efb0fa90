package dev.stile.server.http.acme;

import dev.stile.authority.keys.KeyMaterial;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.util.KeyPairUtils;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** All ACME state is in the database: a client carries on across restarts, and interrupted validations resume. */
class AcmeRestartIT {

    private static final String D = AcmeTestServer.DOMAIN;

    @TempDir
    static Path dir;
    static AcmeTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = AcmeTestServer.start(dir, "60s");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aClientCarriesOnAfterRestartsBetweenItsRequests() throws Exception {
        KeyPair accountKey = KeyPairUtils.createECKeyPair("secp256r1");
        Login login = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey)
                .createLogin(server.session("acme"));
        Order order = login.newOrder().domain("a." + D).create();

        server.restart();
        // The same session: its cached nonce was issued before the restart and is still accepted.
        Authorization authz = order.getAuthorizations().get(0);
        AcmeFlows.solve(server, authz, Http01Challenge.TYPE);
        assertThat(order.waitUntilReady(AcmeFlows.WAIT)).isEqualTo(Status.READY);

        server.restart();
        order.execute(KeyPairUtils.createECKeyPair("secp256r1"));
        assertThat(order.waitForCompletion(AcmeFlows.WAIT)).isEqualTo(Status.VALID);

        server.restart();
        order.getCertificate().download();
        AcmeFlows.assertChainVerifies(order.getCertificate().getCertificateChain(),
                KeyMaterial.readCertificates(server.rootFile()).get(0));
    }

    @Test
    void aValidationInterruptedByAStopIsResumedAfterStart() throws Exception {
        Login login = new AccountBuilder().agreeToTermsOfService().useKeyPair(KeyPairUtils.createECKeyPair("secp256r1"))
                .createLogin(server.session("acme"));
        Order order = login.newOrder().domain("b." + D).create();
        Authorization authz = order.getAuthorizations().get(0);
        Http01Challenge challenge = authz.findChallenge(Http01Challenge.class).orElseThrow();
        server.responders.unavailable(challenge.getToken());
        challenge.trigger();
        waitForAttempt(challenge);
        assertThat(challenge.getStatus()).isEqualTo(Status.PROCESSING);
        assertThat(challenge.getError()).hasValueSatisfying(p -> assertThat(p.getDetail().orElseThrow()).contains("503"));

        server.restart(() -> server.responders.serveToken(challenge.getToken(), challenge.getAuthorization()));

        assertThat(challenge.waitForCompletion(AcmeFlows.WAIT)).isEqualTo(Status.VALID);
    }

    /** Polls until the first transient attempt is recorded on the challenge. */
    private static void waitForAttempt(Http01Challenge challenge) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            challenge.fetch();
            if (challenge.getError().isPresent()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no validation attempt was recorded within 20 s");
    }
}
