package dev.stile.db.retention;

import dev.stile.acme.jws.AuthMode;
import dev.stile.acme.jws.JwsRequest;
import dev.stile.acme.jws.VerifiedRequest;
import dev.stile.acme.model.Authorization;
import dev.stile.acme.model.Challenge;
import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.model.KeyAuthorization;
import dev.stile.acme.model.Order;
import dev.stile.acme.model.Status;
import dev.stile.acme.testing.TestCsr;
import dev.stile.acme.testing.TestIssuer;
import dev.stile.acme.testing.TestJws;
import dev.stile.acme.testing.TestKeys;
import org.jose4j.jwk.PublicJsonWebKey;

import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/**
 * An ACME client renewing one name the way cert-manager or lego does: a fresh nonce, newOrder;
 * for each pending authorization it fetches it, publishes the answer to one challenge (http-01
 * and dns-01 alternately), triggers it and polls until it is decided; then polls the order,
 * finalizes with a CSR and downloads the certificate. Every request carries the nonce of the
 * previous response, so the last one is left unused, as with real clients. Every
 * {@code failEvery}-th authorization it answers meets a broken DNS or ingress: it triggers the
 * challenge without publishing anything, so the authorization and its order become invalid and the
 * next renewal starts over with a new authorization.
 */
final class RenewingClient {

    /** What one renewal attempt ended with. */
    enum Result { ISSUED_WITH_NEW_AUTHORIZATION, ISSUED_REUSING_AUTHORIZATION, ORDER_INVALID }

    private final SimulatedAcmeServer server;
    private final Clock clock;
    private final String name;
    private final PublicJsonWebKey key = TestKeys.ed25519();
    private final String csr;
    private String kid;
    private String nonce;
    private final int failEvery;
    private int authorizationsAnswered;

    RenewingClient(SimulatedAcmeServer server, Clock clock, String name, int failEvery) throws Exception {
        this.server = server;
        this.clock = clock;
        this.name = name;
        this.failEvery = failEvery;
        this.csr = Base64.getUrlEncoder().withoutPadding().encodeToString(TestCsr.of(TestIssuer.ecKeyPair(), null, name));
    }

    void register() {
        nonce = server.nonces.issue();
        String id = server.accounts.newAccount(server.settings, post(server.links.newAccount(), AuthMode.JWK,
                "{\"termsOfServiceAgreed\":true}")).account().id();
        kid = server.links.account(id);
    }

    Result renew() throws InterruptedException {
        nonce = server.nonces.issue(); // HEAD new-nonce
        Order order = server.orders.newOrder(server.settings, post(server.links.newOrder(), AuthMode.KID,
                "{\"identifiers\":[{\"type\":\"dns\",\"value\":\"" + name + "\"}]}"));
        boolean answered = false;
        if (order.status() == Status.PENDING) {
            for (String authzId : order.authorizationIds()) {
                Authorization authz = server.authorizations.authorization(post(server.links.authz(authzId),
                        AuthMode.KID, ""), authzId);
                if (authz.status() == Status.PENDING) {
                    answer(authz);
                    answered = true;
                }
            }
        }
        order = server.orders.order(post(server.links.order(order.id()), AuthMode.KID, ""), order.id());
        if (order.status() == Status.INVALID) {
            return Result.ORDER_INVALID;
        }
        if (order.status() != Status.READY) {
            throw new AssertionError("order " + order.id() + " is " + order.status() + " after its challenges");
        }
        Order valid = server.finalizer.finalize(server.settings, post(server.links.finalizeOrder(order.id()),
                AuthMode.KID, "{\"csr\":\"" + csr + "\"}"), order.id());
        if (valid.status() != Status.VALID) {
            throw new AssertionError("finalized order " + order.id() + " is " + valid.status());
        }
        String pem = server.certificates.download(post(server.links.certificate(valid.certificateId()), AuthMode.KID, ""),
                valid.certificateId());
        if (!pem.contains("BEGIN CERTIFICATE")) {
            throw new AssertionError("download of " + valid.certificateId() + " returned no certificate");
        }
        return answered ? Result.ISSUED_WITH_NEW_AUTHORIZATION : Result.ISSUED_REUSING_AUTHORIZATION;
    }

    /** The step CLI in the same cluster also spends a one-time token (JWK provisioner) now and then. */
    void spendOneTimeToken() {
        if (!server.tokens.useOnce(UUID.randomUUID().toString(), clock.instant().plus(Duration.ofMinutes(5)))) {
            throw new AssertionError("a fresh token id was refused as used");
        }
    }

    private void answer(Authorization authz) throws InterruptedException {
        int n = ++authorizationsAnswered;
        ChallengeType type = n % 2 == 0 ? ChallengeType.HTTP_01 : ChallengeType.DNS_01;
        boolean broken = n % failEvery == 0;
        Challenge challenge = authz.challenges().stream().filter(c -> c.type() == type).findFirst()
                .orElseThrow(() -> new AssertionError("authorization " + authz.id() + " offers no " + type.token()));
        String keyAuthorization = KeyAuthorization.of(challenge.token(), key);
        if (!broken) {
            server.publish(keyAuthorization);
        }
        server.challenges.respond(post(server.links.challenge(authz.id(), challenge.id()), AuthMode.KID, "{}"),
                authz.id(), challenge.id());
        waitUntilDecided(authz.id());
        Authorization decided = server.authorizations.authorization(post(server.links.authz(authz.id()), AuthMode.KID, ""),
                authz.id());
        if (decided.status() == Status.PENDING) {
            throw new AssertionError("authorization " + authz.id() + " is still pending");
        }
        server.unpublish(keyAuthorization);
    }

    /**
     * The validation runs on the server's worker threads; wait for it through the store rather
     * than with signed polls, so the simulation spends its time on the database and not on sleeps.
     */
    private void waitUntilDecided(String authzId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.orderStore.findAuthorization(authzId).orElseThrow().status() == Status.PENDING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("validation of authorization " + authzId + " did not finish within 10 s");
            }
            Thread.sleep(1);
        }
    }

    /** A signed request with the nonce of the previous response; the response brings the next one. */
    private VerifiedRequest post(String url, AuthMode mode, String payload) {
        TestJws jws = TestJws.signedBy(key).signedWithBouncyCastle().url(url).nonce(nonce).payload(payload);
        if (mode == AuthMode.KID) {
            jws.kid(kid);
        }
        VerifiedRequest verified = server.verifier.verify(new JwsRequest("application/jose+json", jws.body(), url, "acme",
                server.links.accountPrefix()), mode);
        nonce = server.nonces.issue(); // Replay-Nonce of the response
        return verified;
    }
}
