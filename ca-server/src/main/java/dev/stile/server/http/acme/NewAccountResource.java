package dev.stile.server.http.acme;

import dev.stile.acme.jws.AuthMode;
import dev.stile.acme.jws.VerifiedRequest;
import dev.stile.acme.model.Account;
import dev.stile.acme.service.AccountResult;

import java.util.Optional;

/** POST {@code new-account} (RFC 8555 §7.3): 201 for a new account, 200 for the existing one. */
final class NewAccountResource implements AcmeHandler {

    @Override
    public void handle(AcmeExchange ex) {
        VerifiedRequest request = ex.verify(AuthMode.JWK);
        // Looked up once: the rate limit counts only new accounts, and the service returns an existing one.
        Optional<Account> existing = ex.api().accounts().existingAccount(ex.settings(), request);
        AcmeLimits.Outcome counted = ex.limits().newAccount(ex.settings(), request, existing.isPresent(),
                ex.peerAddress(), ex.ctx().header("X-Forwarded-For"));
        AccountResult r;
        try {
            r = ex.api().accounts().newAccount(ex.settings(), request, existing);
        } catch (RuntimeException e) {
            counted.done(false);
            throw e;
        }
        counted.done(r.created());
        ex.location(ex.links().account(r.account().id()))
                .json(r.created() ? 201 : 200, AcmeJson.account(r.account(), ex.links()));
    }
}
