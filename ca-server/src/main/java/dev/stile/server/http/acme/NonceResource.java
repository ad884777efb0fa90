package dev.stile.server.http.acme;

/**
 * {@code new-nonce} (RFC 8555 §7.2): HEAD answers 200, GET 204, both with a fresh
 * {@code Replay-Nonce} (added by {@link AcmeRoutes}) and {@code Cache-Control: no-store}.
 */
final class NonceResource implements AcmeHandler {

    private final int status;

    NonceResource(int status) {
        this.status = status;
    }

    @Override
    public void handle(AcmeExchange ex) {
        ex.ctx().status(status).header("Cache-Control", "no-store");
    }
}
