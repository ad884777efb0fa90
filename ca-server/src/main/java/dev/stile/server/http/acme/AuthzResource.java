package dev.stile.server.http.acme;

import dev.stile.acme.jws.AuthMode;
import dev.stile.acme.model.Authorization;
import dev.stile.acme.model.Status;

/** POST {@code authz/{id}}: read (POST-as-GET) or deactivate (RFC 8555 §7.5, §7.5.2). */
final class AuthzResource implements AcmeHandler {

    @Override
    public void handle(AcmeExchange ex) {
        Authorization a = ex.api().authorizations().authorization(ex.verify(AuthMode.KID), ex.pathParam("id"));
        ex.location(ex.links().authz(a.id()));
        if (a.status() == Status.PENDING && a.challenges().stream().anyMatch(c -> c.status() == Status.PROCESSING)) {
            ex.retryAfter(OrderResource.POLL_INTERVAL);
        }
        ex.json(200, AcmeJson.authorization(a, ex.links()));
    }
}
