package dev.stile.server.http.acme;

import dev.stile.acme.jws.AuthMode;
import dev.stile.acme.model.Order;

/**
 * POST {@code order/{id}/finalize} (RFC 8555 §7.4): issues synchronously and answers the valid
 * order, always with its {@code Location} (cert-manager polls that URL).
 */
final class FinalizeResource implements AcmeHandler {

    @Override
    public void handle(AcmeExchange ex) {
        Order o = ex.api().finalizer().finalize(ex.settings(), ex.verify(AuthMode.KID), ex.pathParam("id"));
        OrderResource.send(ex, o);
    }
}
