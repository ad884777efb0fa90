package dev.stile.server.http.acme;

import dev.stile.acme.jws.AuthMode;
import dev.stile.acme.jws.VerifiedRequest;
import dev.stile.acme.model.Authorization;
import dev.stile.acme.model.Challenge;

/**
 * POST {@code challenge/{authz}/{id}} (RFC 8555 §7.5.1): {@code {}} starts the validation in the
 * background and answers {@code processing} at once; {@code Link rel="up"} names the authorization;
 * {@code Retry-After} says when the next attempt's result is due (RFC 8555 §8.2).
 */
final class ChallengeResource implements AcmeHandler {

    @Override
    public void handle(AcmeExchange ex) {
        String authzId = ex.pathParam("authz");
        VerifiedRequest request = ex.verify(AuthMode.KID);
        // Read once: the rate limits and the challenge service both look at it.
        Authorization authz = ex.api().challenges().ownAuthorization(request, authzId);
        ex.limits().challenge(ex.settings(), request, authz);
        Challenge c = ex.api().challenges().respond(request, authz, ex.pathParam("id"));
        ex.location(ex.links().challenge(authzId, c.id())).link(ex.links().authz(authzId), "up");
        ex.api().challenges().retryAfter(ex.settings().name(), c).ifPresent(ex::retryAfter);
        ex.json(200, AcmeJson.challenge(c, authzId, ex.links(), ex.issuerDomainNames()));
    }

    /** Not one transaction: the validation workers must find the challenge processing. */
    @Override
    public boolean oneTransaction() {
        return false;
    }
}
