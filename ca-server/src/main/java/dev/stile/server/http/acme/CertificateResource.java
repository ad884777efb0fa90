package dev.stile.server.http.acme;

import dev.stile.acme.jws.AuthMode;

/**
 * POST-as-GET {@code certificate/{id}} (RFC 8555 §7.4.2): the chain as
 * {@code application/pem-certificate-chain}, leaf first, without the root. {@code Link rel="up"}
 * points at the issuing chain; there are no alternate chains to announce with {@code rel="alternate"}.
 */
final class CertificateResource implements AcmeHandler {

    @Override
    public void handle(AcmeExchange ex) {
        String pem = ex.api().certificates().download(ex.verify(AuthMode.KID), ex.pathParam("id"));
        String base = ex.links().directory().substring(0, ex.links().directory().indexOf("/acme/"));
        ex.link(base + "/intermediates.pem", "up");
        ex.ctx().status(200).contentType("application/pem-certificate-chain").result(pem);
    }
}
