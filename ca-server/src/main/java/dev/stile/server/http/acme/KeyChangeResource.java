package dev.stile.server.http.acme;

import dev.stile.acme.jws.AuthMode;
import dev.stile.acme.model.Account;

/** POST {@code key-change} (RFC 8555 §7.3.5); a key already in use answers 409 (see {@link AcmeRoutes}). */
final class KeyChangeResource implements AcmeHandler {

    @Override
    public void handle(AcmeExchange ex) {
        Account a = ex.api().accounts().changeKey(ex.verify(AuthMode.KID));
        ex.location(ex.links().account(a.id())).json(200, AcmeJson.account(a, ex.links()));
    }

    /** Not one transaction: a refused key change is a failed UPDATE, which on PostgreSQL would abort the transaction. */
    @Override
    public boolean oneTransaction() {
        return false;
    }
}
