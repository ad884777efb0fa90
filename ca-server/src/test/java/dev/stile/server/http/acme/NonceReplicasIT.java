package dev.stile.server.http.acme;

import dev.stile.acme.testing.TestJws;
import dev.stile.server.testsupport.PostgresSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two servers on one PostgreSQL schema agree on nonces (RFC 8555 §6.5): a nonce either one issued
 * is accepted by the other, and once used on one, it is refused as {@code badNonce} by both. Nonces
 * are sealed tokens under a key kept in the database and redeemed by one INSERT of their id, so
 * this is what shows the key and the replay record are really shared. On H2 (one server per file)
 * the record is in memory under a key of the process: a replay is refused, and so is every nonce
 * of the process before a restart.
 */
class NonceReplicasIT {

    @TempDir
    Path dir;

    @Test
    void aNonceIssuedByOneReplicaIsAcceptedByTheOtherOnceAndOnlyOnce() throws Exception {
        try (PostgresSchema schema = PostgresSchema.create()) {
            AcmeTestServer.Setup setup = AcmeTestServer.Setup.standard().with("", "", schema.db());
            try (AcmeTestServer one = AcmeTestServer.start(dir.resolve("one"), setup);
                 AcmeTestServer two = AcmeTestServer.start(dir.resolve("two"), setup)) {
                RawAcme onOne = new RawAcme(one, "acme");
                RawAcme onTwo = new RawAcme(two, "acme");

                // Issued by one, used at two: accepted.
                String fromOne = onOne.nonce();
                HttpResponse<String> created = newAccount(onTwo, fromOne);
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

                // The same nonce again, at either replica: refused.
                assertBadNonce(newAccount(onOne, fromOne));
                assertBadNonce(newAccount(onTwo, fromOne));

                // Issued by two, used at one, then replayed at two.
                String fromTwo = onTwo.nonce();
                HttpResponse<String> found = newAccount(onOne, fromTwo);
                assertThat(found.statusCode()).as(found.body()).isIn(200, 201);
                assertBadNonce(newAccount(onTwo, fromTwo));

                // A nonce neither issued (right length, wrong key) is refused by both.
                String forged = "A".repeat(48);
                assertBadNonce(newAccount(onOne, forged));
                assertBadNonce(newAccount(onTwo, forged));
            }
        }
    }

    @Test
    void onH2ANonceIsAcceptedOnceAndNoNonceSurvivesARestart() throws Exception {
        try (AcmeTestServer server = AcmeTestServer.start(dir.resolve("h2"))) {
            RawAcme acme = new RawAcme(server, "acme");
            String used = acme.nonce();
            String unused = acme.nonce();
            HttpResponse<String> created = newAccount(acme, used);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertBadNonce(newAccount(acme, used));

            server.restart();
            assertBadNonce(newAccount(acme, used));
            assertBadNonce(newAccount(acme, unused));
            HttpResponse<String> found = newAccount(acme, acme.nonce());
            assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        }
    }

    /** A jwk-signed new-account to this replica's URL with the given nonce. */
    private static HttpResponse<String> newAccount(RawAcme acme, String nonce) throws Exception {
        String url = acme.url("new-account");
        return acme.send(url, TestJws.signedBy(acme.key).payload("{\"termsOfServiceAgreed\":true}").url(url)
                .nonce(nonce), b -> b.header("Content-Type", "application/jose+json"));
    }

    private static void assertBadNonce(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(RawAcme.json(r).path("type").asText()).isEqualTo("urn:ietf:params:acme:error:badNonce");
        assertThat(r.headers().firstValue("Replay-Nonce")).as("a fresh nonce to retry with").isPresent();
    }
}
