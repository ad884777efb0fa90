package dev.stile.server.http.acme;

import dev.stile.acme.jws.AuthMode;
import dev.stile.acme.model.Authorization;
import dev.stile.acme.model.Order;
import dev.stile.acme.model.Status;
import dev.stile.acme.service.OrderService;

import java.time.Duration;
import java.util.List;

/** POST-as-GET {@code order/{id}} (RFC 8555 §7.4), with {@code Retry-After} while processing and, while
 * pending with a challenge being validated, when its next attempt's result is due. */
final class OrderResource implements AcmeHandler {

    /** How long a client should wait before polling a processing order again. */
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    @Override
    public void handle(AcmeExchange ex) {
        OrderService.Seen seen = ex.api().orders().orderWithAuthorizations(ex.verify(AuthMode.KID), ex.pathParam("id"));
        send(ex, seen.order(), seen.authorizations());
    }

    static void send(AcmeExchange ex, Order o) {
        send(ex, o, null);
    }

    /** @param authorizations the order's authorizations if already read, else null (read when needed) */
    private static void send(AcmeExchange ex, Order o, List<Authorization> authorizations) {
        ex.location(ex.links().order(o.id()));
        if (o.status() == Status.PROCESSING) {
            ex.retryAfter(POLL_INTERVAL);
        } else if (authorizations != null) {
            ex.api().challenges().retryAfter(ex.settings().name(), o, authorizations).ifPresent(ex::retryAfter);
        } else {
            ex.api().challenges().retryAfter(ex.settings().name(), o).ifPresent(ex::retryAfter);
        }
        ex.json(200, AcmeJson.order(o, ex.links()));
    }
}
