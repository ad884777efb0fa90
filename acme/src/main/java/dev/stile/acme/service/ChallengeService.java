package dev.stile.acme.service;

import dev.stile.acme.jws.VerifiedRequest;
import dev.stile.acme.model.Authorization;
import dev.stile.acme.model.Challenge;
import dev.stile.acme.model.Status;
import dev.stile.acme.problem.AcmeException;
import dev.stile.acme.store.OrderStore;

import java.time.Clock;
import java.time.Instant;

/**
 * Challenge responses (RFC 8555 §7.5.1). A POST with a JSON object ({@code {}}) to a pending
 * challenge of a pending authorization moves it to processing and hands it to the
 * {@link ValidationRunner}; the answer is the challenge as it is now (processing), at once. A
 * POST-as-GET, or a POST to a challenge that is no longer pending, just returns it; a POST to a
 * processing challenge restarts its validation when no replica holds its lease any more.
 */
public final class ChallengeService {

    private final OrderStore orders;
    private final ValidationRunner runner;
    private final Clock clock;

    public ChallengeService(OrderStore orders, ValidationRunner runner, Clock clock) {
        this.orders = orders;
        this.runner = runner;
        this.clock = clock;
    }

    /**
     * POST to {@code challenge/{authzId}/{challengeId}}: 200 with the challenge and
     * {@code Link: <authz URL>;rel="up"}.
     */
    public Challenge respond(VerifiedRequest request, String authzId, String challengeId) {
        Authorization authz = AuthorizationService.own(request.requireAccount(), authzId, orders);
        Challenge challenge = authz.challenge(challengeId)
                .orElseThrow(() -> AcmeException.notFound("challenge " + challengeId + " does not exist in authorization " + authzId));
        if (request.isPostAsGet()) {
            return challenge;
        }
        Payloads.object(request.payload());
        Instant now = clock.instant();
        if (challenge.status() == Status.PROCESSING) {
            // A client re-POSTing a challenge that is still processing: restart its validation if
            // no replica is at it (it stalled with a replica that died); otherwise nothing changes.
            runner.resume(challengeId);
            return challenge;
        }
        if (challenge.status() != Status.PENDING || authz.statusAt(now) != Status.PENDING) {
            return challenge;
        }
        if (orders.markChallengeProcessing(challengeId, now)) {
            runner.submit(challengeId);
        }
        return orders.findAuthorization(authzId).flatMap(a -> a.challenge(challengeId)).orElse(challenge);
    }
}
