package dev.stile.server.http.acme;

import dev.stile.acme.jws.AuthMode;
import dev.stile.acme.jws.VerifiedRequest;
import dev.stile.acme.model.Order;
import dev.stile.acme.model.Status;
import dev.stile.acme.problem.AcmeException;
import dev.stile.acme.problem.AcmeProblem;

/**
 * POST {@code order/{id}/finalize} (RFC 8555 §7.4): issues synchronously and answers the valid
 * order, always with its {@code Location} (cert-manager polls that URL). Finalizing an order that
 * is already valid answers it unchanged, as step-ca does: a client whose finalize response was lost
 * can simply retry.
 */
final class FinalizeResource implements AcmeHandler {

    @Override
    public void handle(AcmeExchange ex) {
        VerifiedRequest request = ex.verify(AuthMode.KID);
        String orderId = ex.pathParam("id");
        Order order;
        AcmeLimits.Outcome counted = ex.limits().finalizeOrder(ex.settings(), request, orderId);
        try {
            order = ex.api().finalizer().finalize(ex.settings(), request, orderId);
            counted.done(order.status() != Status.INVALID); // an invalid order issued nothing
        } catch (AcmeException e) {
            counted.done(false);
            if (!AcmeProblem.ORDER_NOT_READY.type().equals(e.problem().type())) {
                throw e;
            }
            VerifiedRequest read = new VerifiedRequest(request.account(), request.jwk(), request.thumbprint(),
                    new byte[0], request.url(), request.kid());
            Order current = ex.api().orders().order(read, orderId);
            if (current.status() != Status.VALID) {
                throw e;
            }
            order = current;
        } catch (RuntimeException e) {
            counted.done(false);
            throw e;
        }
        OrderResource.send(ex, order);
    }
}
