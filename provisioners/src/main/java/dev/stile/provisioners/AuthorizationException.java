package dev.stile.provisioners;

/**
 * A request is not authorised, or is malformed, in the terms of step-ca's API. Carries the HTTP
 * status step-ca uses (400, 401 or 403), the message a client may see, and the precise reason for
 * the log. The two are separate on purpose: step-ca answers every token failure with a generic 401
 * (clients rely on that), but the operator reading the log at 2 am must learn exactly which check
 * failed, e.g. "token audience https://x/1.0/sign is not one of this CA's names [...]" rather than
 * step-ca's "provisioner not found or invalid audience".
 */
public final class AuthorizationException extends RuntimeException {

    private final int status;
    private final String explicitMessage;

    private AuthorizationException(int status, String explicitMessage, String reason) {
        super(reason);
        this.status = status;
        this.explicitMessage = explicitMessage;
    }

    /** 401 with step-ca's generic message; the reason goes to the log only. */
    public static AuthorizationException unauthorized(String reason) {
        return new AuthorizationException(401, null, reason);
    }

    /** 401 with an explicit message the client sees (e.g. "certificate expired on ..."). */
    public static AuthorizationException unauthorized(String clientMessage, String reason) {
        return new AuthorizationException(401, clientMessage, reason);
    }

    /** 403: the token is valid but the request asks for more than it allows. */
    public static AuthorizationException forbidden(String clientMessage) {
        return new AuthorizationException(403, clientMessage, clientMessage);
    }

    /** 400: the request itself is malformed. */
    public static AuthorizationException badRequest(String clientMessage) {
        return new AuthorizationException(400, clientMessage, clientMessage);
    }

    /** The HTTP status step-ca answers with. */
    public int status() {
        return status;
    }

    /** The explicit client-visible message, or {@code null} when the status' default applies. */
    public String explicitMessage() {
        return explicitMessage;
    }

    /** What exactly failed, for the log. Never sent to clients for 401s. */
    public String reason() {
        return getMessage();
    }

    /**
     * The full message step-ca would put into {@code {"status":N,"message":"..."}}: the status'
     * default sentence, or the explicit message wrapped as step-ca wraps it.
     */
    public String stepMessage() {
        return StepMessages.render(status, explicitMessage);
    }
}
