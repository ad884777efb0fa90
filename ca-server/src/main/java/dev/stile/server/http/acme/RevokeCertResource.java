package dev.stile.server.http.acme;

import dev.stile.acme.jws.AuthMode;

/** POST {@code revoke-cert} (RFC 8555 §7.6), signed by an account or by the certificate's key: 200, empty body. */
final class RevokeCertResource implements AcmeHandler {

    @Override
    public void handle(AcmeExchange ex) {
        ex.api().certificates().revoke(ex.verify(AuthMode.KID_OR_JWK));
        ex.ctx().status(200).result("");
    }

    /** Not one transaction: revocation runs the CA's own revocation path (inventory, CRL). */
    @Override
    public boolean oneTransaction() {
        return false;
    }
}
