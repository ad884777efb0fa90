package dev.stile.server.http.admin;

/**
 * An admin request that is refused: {@code status} 401 (who are you?) or 403 (not allowed).
 * The message is for the log; clients get step-ca's generic text.
 */
public final class AdminAuthException extends RuntimeException {

    private final int status;

    AdminAuthException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
