package dev.stile.acme.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.acme.jws.VerifiedRequest;
import dev.stile.acme.model.Account;
import dev.stile.acme.model.Authorization;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.model.Status;
import dev.stile.acme.problem.AcmeException;
import dev.stile.acme.problem.AcmeProblem;
import dev.stile.acme.store.OrderStore;

import java.time.Clock;
import java.util.List;

/** Authorizations: pre-authorization (RFC 8555 §7.4.1), reads and deactivation (§7.5.2). */
public final class AuthorizationService {

    private final OrderStore orders;
    private final Clock clock;

    public AuthorizationService(OrderStore orders, Clock clock) {
        this.orders = orders;
        this.clock = clock;
    }

    /** newAuthz for one {@code dns} identifier (no wildcards, §7.4.1): 201 with {@code Location}. */
    public Authorization newAuthz(AcmeProvisionerSettings settings, VerifiedRequest request) {
        Account account = request.requireAccount();
        JsonNode payload = Payloads.object(request.payload());
        JsonNode idNode = payload.get("identifier");
        if (idNode == null || !idNode.isObject()) {
            throw AcmeException.malformed("newAuthz needs an \"identifier\" object");
        }
        List<Identifier> ids = Identifiers.parse(Payloads.JSON.createArrayNode().add(idNode));
        Identifier id = ids.get(0);
        if (!Identifier.DNS.equals(id.type())) {
            throw new AcmeException(AcmeProblem.UNSUPPORTED_IDENTIFIER, "pre-authorization is offered for dns identifiers only");
        }
        if (id.isWildcard()) {
            throw new AcmeException(AcmeProblem.REJECTED_IDENTIFIER, "pre-authorization of wildcard \"" + id.value()
                    + "\" is not allowed (RFC 8555 §7.4.1); order it with newOrder");
        }
        AuthorizationFactory.requireChallenges(id, settings.challengeTypes());
        var now = clock.instant();
        Authorization existing = orders.findValidAuthorization(account.id(), id, false, now).orElse(null);
        if (existing != null) {
            return existing;
        }
        Authorization authz = AuthorizationFactory.create(account.id(), id, settings.challengeTypes(),
                now.plus(settings.authzLifetime()));
        orders.createAuthorization(authz);
        return authz;
    }

    /** POST to an authz URL: POST-as-GET reads it, {@code {"status":"deactivated"}} deactivates it. */
    public Authorization authorization(VerifiedRequest request, String authzId) {
        Authorization authz = own(request.requireAccount(), authzId, orders);
        if (request.isPostAsGet()) {
            return authz.at(clock.instant());
        }
        JsonNode payload = Payloads.object(request.payload());
        String status = Payloads.text(payload, "status");
        if (!Status.DEACTIVATED.token().equals(status)) {
            throw AcmeException.malformed("an authorization can only be updated to status \"deactivated\"");
        }
        if (!orders.deactivateAuthorization(authzId)) {
            throw AcmeException.malformed("authorization " + authzId + " is " + authz.statusAt(clock.instant()).token()
                    + " and cannot be deactivated");
        }
        return own(request.requireAccount(), authzId, orders).at(clock.instant());
    }

    static Authorization own(Account account, String authzId, OrderStore orders) {
        Authorization authz = orders.findAuthorization(authzId)
                .orElseThrow(() -> AcmeException.notFound("authorization " + authzId + " does not exist"));
        if (!account.id().equals(authz.accountId())) {
            throw AcmeException.unauthorized("authorization " + authzId + " belongs to another account");
        }
        return authz;
    }
}
