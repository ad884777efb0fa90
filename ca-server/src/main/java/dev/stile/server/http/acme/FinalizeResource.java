package dev.stile.server.http.acme;

import dev.stile.acme.jws.AuthMode;
import dev.stile.acme.jws.VerifiedRequest;
import dev.stile.acme.model.Order;
import dev.stile.acme.model.Status;
import dev.stile.acme.service.FinalizeService;

/**
 * POST {@code order/{id}/finalize} (RFC 8555 §7.4): issues synchronously and answers the valid
 * order, always with its {@code Location} (cert-manager polls that URL). Finalizing an order that
 * is already valid answers it unchanged, as step-ca does ({@link FinalizeService#finalizeOrder}
 * decides that): a client whose finalize response was lost can simply retry.
 */
final class FinalizeResource implements AcmeHandler {

    @Override
    public void handle(AcmeExchange ex) {
        VerifiedRequest request = ex.verify(AuthMode.KID);
        // Read once: the rate limits and the finalize both look at it.
        Order order = ex.api().finalizer().ownOrder(request, ex.pathParam("id"));
        AcmeLimits.Outcome counted = ex.limits().finalizeOrder(ex.settings(), request, order);
        try {
            FinalizeService.Finalized finalized = ex.api().finalizer().finalizeOrder(ex.settings(), request, order);
            order = finalized.order();
            // an invalid order issued nothing; a repeated finalize of a valid order issued nothing new
            counted.done(finalized.issued() && order.status() != Status.INVALID);
        } catch (RuntimeException e) {
            counted.done(false);
            throw e;
        }
        OrderResource.send(ex, order);
    }
}
