package dev.stile.server.http.admin;

/** A provisioner change that was refused, with the HTTP status that says why (400, 404, 409, 500). */
public final class ProvisionerChangeException extends RuntimeException {

    private final int status;

    public ProvisionerChangeException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
