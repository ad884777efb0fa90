package dev.stile.server.http.acme;

import dev.stile.acme.jws.AuthMode;
import dev.stile.acme.model.Order;
import dev.stile.acme.model.Status;

import java.time.Duration;

/** POST-as-GET {@code order/{id}} (RFC 8555 §7.4), with {@code Retry-After} while processing and, while
 * pending with a challenge being validated, when its next attempt's result is due. */
final class OrderResource implements AcmeHandler {

    /** How long a client should wait before polling a processing order again. */
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    @Override
    public void handle(AcmeExchange ex) {
        Order o = ex.api().orders().order(ex.verify(AuthMode.KID), ex.pathParam("id"));
        send(ex, o);
    }

    static void send(AcmeExchange ex, Order o) {
        ex.location(ex.links().order(o.id()));
        if (o.status() == Status.PROCESSING) {
            ex.retryAfter(POLL_INTERVAL);
        } else {
            ex.api().challenges().retryAfter(ex.settings().name(), o).ifPresent(ex::retryAfter);
        }
        ex.json(200, AcmeJson.order(o, ex.links()));
    }
}
