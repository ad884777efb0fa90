package dev.stile.server.http.acme;

import dev.stile.acme.jws.AuthMode;
import dev.stile.acme.model.Order;

/** POST {@code new-order} (RFC 8555 §7.4): 201 with the order's {@code Location}. */
final class NewOrderResource implements AcmeHandler {

    @Override
    public void handle(AcmeExchange ex) {
        Order o = ex.api().orders().newOrder(ex.settings(), ex.verify(AuthMode.KID));
        ex.location(ex.links().order(o.id())).json(201, AcmeJson.order(o, ex.links()));
    }
}
