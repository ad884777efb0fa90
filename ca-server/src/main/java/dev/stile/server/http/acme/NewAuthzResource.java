package dev.stile.server.http.acme;

import dev.stile.acme.jws.AuthMode;
import dev.stile.acme.jws.VerifiedRequest;
import dev.stile.acme.model.Authorization;

/** POST {@code new-authz}: pre-authorization of one dns identifier (RFC 8555 §7.4.1), 201. */
final class NewAuthzResource implements AcmeHandler {

    @Override
    public void handle(AcmeExchange ex) {
        VerifiedRequest request = ex.verify(AuthMode.KID);
        ex.limits().newAuthorization(ex.settings(), request);
        Authorization a = ex.api().authorizations().newAuthz(ex.settings(), request);
        ex.location(ex.links().authz(a.id())).json(201, AcmeJson.authorization(a, ex.links(), ex.issuerDomainNames()));
    }
}
