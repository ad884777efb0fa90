package dev.stile.server.recovery;

import dev.stile.server.testsupport.PostgresSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.util.KeyPairUtils;

import java.net.URL;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10, "replicas cover for each other": two real jars on one PostgreSQL schema. Replica A
 * starts an http-01 validation (the responder says 503, "not yet", so A keeps retrying), then is
 * killed with SIGKILL. Once A's lease on the validation expires, replica B takes it over and
 * finishes it. Before leases, the challenge stayed processing on a dead replica.
 */
class ReplicaTakeoverIT {

    @TempDir
    Path dir;

    @Test
    void aValidationInProgressOnAKilledReplicaIsFinishedByTheOther() throws Exception {
        try (RecoveryCa ca = new RecoveryCa(dir); PostgresSchema pg = new PostgresSchema()) {
            RecoveryCa.Node a = ca.node("replica-a", pg.db());
            RecoveryCa.Node b = ca.node("replica-b", pg.db());
            String name = "takeover." + RecoveryCa.DOMAIN;
            ca.dns.addA(name, "127.0.0.1");
            try (StileProcess replicaA = StileProcess.start(ca, a); StileProcess replicaB = StileProcess.start(ca, b)) {
                KeyPair accountKey = KeyPairUtils.createECKeyPair("secp256r1");
                Login onA = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey).createLogin(ca.session(a));
                Order order = onA.newOrder().domain(name).create();
                Authorization authz = order.getAuthorizations().get(0);
                Http01Challenge challenge = authz.findChallenge(Http01Challenge.class).orElseThrow();
                challenge.trigger();
                awaitFirstAttempt(challenge);

                replicaA.kill9();
                long killed = System.nanoTime();
                ca.serveToken(challenge.getToken(), challenge.getAuthorization());

                // The same account and authorization, through replica B.
                Login onB = ca.session(b).login(onB(onA.getAccountLocation(), a, b), accountKey);
                Authorization seenByB = onB.bindAuthorization(onB(authz.getLocation(), a, b));
                Status status = seenByB.waitForCompletion(Duration.ofSeconds(45));
                Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
                System.out.printf("validation finished by replica B %d ms after replica A was killed%n", takeover.toMillis());

                assertThat(status).as("authorization seen through replica B").isEqualTo(Status.VALID);
                assertThat(replicaB.log()).contains("taking over the validation of challenge");
                assertThat(takeover).as("lease (10 s) + takeover check (2 s) + retry wait").isLessThan(Duration.ofSeconds(30));
            }
        }
    }

    /** Waits until replica A recorded its first (failed, to be retried) attempt. */
    private static void awaitFirstAttempt(Http01Challenge challenge) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            challenge.fetch();
            if (challenge.getError().isPresent()) {
                assertThat(challenge.getStatus()).isEqualTo(Status.PROCESSING);
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("replica A recorded no validation attempt within 20 s");
    }

    /** The same resource URL on replica B's port (both replicas serve the same database). */
    private static URL onB(URL onA, RecoveryCa.Node a, RecoveryCa.Node b) throws Exception {
        return new URL(onA.toString().replace(":" + a.port() + "/", ":" + b.port() + "/"));
    }
}
