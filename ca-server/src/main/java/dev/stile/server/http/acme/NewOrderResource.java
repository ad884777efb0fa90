package dev.stile.server.http.acme;

import dev.stile.acme.jws.AuthMode;
import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.jws.VerifiedRequest;
import dev.stile.acme.model.Order;

/** POST {@code new-order} (RFC 8555 §7.4): 201 with the order's {@code Location}. */
final class NewOrderResource implements AcmeHandler {

    @Override
    public void handle(AcmeExchange ex) {
        VerifiedRequest request = ex.verify(AuthMode.KID);
        ex.limits().newOrder(ex.settings(), request);
        Order o = ex.api().orders().newOrder(ex.settings(), request);
        if (ex.settings().challengeTypes().contains(ChallengeType.DNS_PERSIST_01)) {
            // A standing dns-persist-01 record validates the new authorizations right away, on the
            // validation workers, which must find the order committed.
            ex.afterCommit(() -> send(ex, ex.api().challenges().validatePersistentRecords(o)));
        } else {
            send(ex, o);
        }
    }

    private static void send(AcmeExchange ex, Order o) {
        ex.location(ex.links().order(o.id())).json(201, AcmeJson.order(o, ex.links()));
    }
}
