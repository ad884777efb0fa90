package dev.stile.acme.service;

import dev.stile.acme.jws.VerifiedRequest;
import dev.stile.acme.model.Authorization;
import dev.stile.acme.model.Challenge;
import dev.stile.acme.model.Status;
import dev.stile.acme.problem.AcmeException;
import dev.stile.acme.store.OrderStore;

import dev.stile.acme.model.Order;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
        return respond(request, ownAuthorization(request, authzId), challengeId);
    }

    /** The authorization {@code authzId} of the request's account; read once by a challenge request. */
    public Authorization ownAuthorization(VerifiedRequest request, String authzId) {
        return AuthorizationService.own(request.requireAccount(), authzId, orders);
    }

    /** As {@link #respond(VerifiedRequest, String, String)}, for an authorization {@link #ownAuthorization} read. */
    public Challenge respond(VerifiedRequest request, Authorization authz, String challengeId) {
        String authzId = authz.id();
        if (!request.requireAccount().id().equals(authz.accountId())) {
            throw AcmeException.unauthorized("authorization " + authzId + " belongs to another account");
        }
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
        if (runner.start(challengeId, now)) {
            // The guarded UPDATE says exactly what changed; reading the authorization back would
            // cost a query per trigger for what this line knows.
            return new Challenge(challenge.id(), challenge.authorizationId(), challenge.type(), challenge.token(),
                    Status.PROCESSING, challenge.validated(), challenge.error(), challenge.validationRecords(), now);
        }
        // Another request (or replica) moved it first: answer what it did.
        return orders.findAuthorization(authzId).flatMap(a -> a.challenge(challengeId)).orElse(challenge);
    }

    /** How long a new-order waits for the persistent records of its new authorizations. */
    public static final Duration JUST_IN_TIME_BUDGET = Duration.ofSeconds(3);

    /**
     * dns-persist-01 just-in-time validation (draft-ietf-acme-dns-persist-02 §4.4): every new
     * authorization of the order whose dns-persist-01 challenge is pending is checked against the
     * persistent record once, now; those that pass are valid before the client sees them, so a
     * client that knows nothing of dns-persist-01 (cert-manager, certbot, lego) goes straight to
     * finalize. Returns the order as the client sees it afterwards.
     */
    public Order validatePersistentRecords(Order order) {
        boolean any = false;
        for (String authzId : order.authorizationIds()) {
            Optional<Authorization> a = orders.findAuthorization(authzId);
            if (a.isEmpty() || a.get().status() != Status.PENDING) {
                continue;
            }
            for (Challenge c : a.get().challenges()) {
                if (c.type() == dev.stile.acme.model.ChallengeType.DNS_PERSIST_01 && c.status() == Status.PENDING) {
                    any |= runner.validateAtOnce(c.id(), JUST_IN_TIME_BUDGET);
                }
            }
        }
        if (!any) {
            return order;
        }
        return order.withStatus(dev.stile.acme.model.OrderStatus.derive(order,
                orders.findAuthorizations(order.authorizationIds()), clock.instant()));
    }

    /**
     * {@code Retry-After} for a challenge (RFC 8555 §8.2): while it is processing, until just after
     * its next planned validation attempt or final outcome on the provisioner's retry schedule.
     */
    public Optional<Duration> retryAfter(String provisioner, Challenge challenge) {
        return runner.retryAfter(provisioner, challenge);
    }

    /** {@code Retry-After} for a pending authorization: the soonest of its processing challenges. */
    public Optional<Duration> retryAfter(String provisioner, Authorization authz) {
        if (authz.status() != Status.PENDING) {
            return Optional.empty();
        }
        return authz.challenges().stream()
                .map(c -> runner.retryAfter(provisioner, c))
                .flatMap(Optional::stream)
                .min(Duration::compareTo);
    }

    /**
     * {@code Retry-After} for a pending order: the soonest of its authorizations' processing
     * challenges (a client polling the order instead of its authorizations is told the same).
     */
    public Optional<Duration> retryAfter(String provisioner, Order order) {
        if (order.status() != Status.PENDING) {
            return Optional.empty();
        }
        return retryAfter(provisioner, order, orders.findAuthorizations(order.authorizationIds()));
    }

    /** As {@link #retryAfter(String, Order)}, from the order's authorizations already read. */
    public Optional<Duration> retryAfter(String provisioner, Order order, List<Authorization> authorizations) {
        if (order.status() != Status.PENDING) {
            return Optional.empty();
        }
        return authorizations.stream()
                .map(a -> retryAfter(provisioner, a))
                .flatMap(Optional::stream)
                .min(Duration::compareTo);
    }
}
