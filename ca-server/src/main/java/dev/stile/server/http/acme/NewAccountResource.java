package dev.stile.server.http.acme;

import dev.stile.acme.jws.AuthMode;
import dev.stile.acme.jws.VerifiedRequest;
import dev.stile.acme.service.AccountResult;

/** POST {@code new-account} (RFC 8555 §7.3): 201 for a new account, 200 for the existing one. */
final class NewAccountResource implements AcmeHandler {

    @Override
    public void handle(AcmeExchange ex) {
        VerifiedRequest request = ex.verify(AuthMode.JWK);
        AcmeLimits.Outcome counted = ex.limits().newAccount(ex.settings(), request, ex.peerAddress(),
                ex.ctx().header("X-Forwarded-For"));
        AccountResult r;
        try {
            r = ex.api().accounts().newAccount(ex.settings(), request);
        } catch (RuntimeException e) {
            counted.done(false);
            throw e;
        }
        counted.done(r.created());
        ex.location(ex.links().account(r.account().id()))
                .json(r.created() ? 201 : 200, AcmeJson.account(r.account(), ex.links()));
    }
}
