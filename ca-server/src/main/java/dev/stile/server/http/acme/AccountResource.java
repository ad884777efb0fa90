package dev.stile.server.http.acme;

import dev.stile.acme.jws.AuthMode;
import dev.stile.acme.model.Account;

/** POST {@code account/{id}}: read, update contacts or deactivate (RFC 8555 §7.3.2, §7.3.6). */
final class AccountResource implements AcmeHandler {

    @Override
    public void handle(AcmeExchange ex) {
        Account a = ex.api().accounts().update(ex.verify(AuthMode.KID), ex.pathParam("id"));
        ex.location(ex.links().account(a.id())).json(200, AcmeJson.account(a, ex.links()));
    }
}
