package dev.stile.server.http.acme;

import dev.stile.acme.jws.AuthMode;
import dev.stile.acme.model.Authorization;

/** POST {@code authz/{id}}: read (POST-as-GET) or deactivate (RFC 8555 §7.5, §7.5.2). */
final class AuthzResource implements AcmeHandler {

    @Override
    public void handle(AcmeExchange ex) {
        Authorization a = ex.api().authorizations().authorization(ex.verify(AuthMode.KID), ex.pathParam("id"));
        ex.location(ex.links().authz(a.id()));
        // When the next validation attempt's result is due, so clients poll as often as it changes.
        ex.api().challenges().retryAfter(ex.settings().name(), a).ifPresent(ex::retryAfter);
        ex.json(200, AcmeJson.authorization(a, ex.links(), ex.issuerDomainNames()));
    }
}
