package dev.stile.provisioners;

/**
 * A request is not authorised, or is malformed, in the terms of step-ca's API. Carries its
 * {@link Kind} (which the step HTTP edge maps to step-ca's status), the message a client may see,
 * and the precise reason for the log. The two are separate on purpose: step-ca answers every token failure with a generic 401
 * (clients rely on that), but the operator reading the log at 2 am must learn exactly which check
 * failed, e.g. "token audience https://x/1.0/sign is not one of this CA's names [...]" rather than
 * step-ca's "provisioner not found or invalid audience".
 */
public final class AuthorizationException extends RuntimeException {

    /** What kind of refusal this is. */
    public enum Kind {
        /** The request itself is malformed (step-ca: 400). */
        BAD_REQUEST,
        /** The token or certificate does not authenticate the request (step-ca: 401). */
        UNAUTHORIZED,
        /** Authenticated, but asking for more than allowed (step-ca: 403). */
        FORBIDDEN
    }

    private final Kind kind;
    private final String explicitMessage;

    private AuthorizationException(Kind kind, String explicitMessage, String reason) {
        super(reason);
        this.kind = kind;
        this.explicitMessage = explicitMessage;
    }

    /** 401 with step-ca's generic message; the reason goes to the log only. */
    public static AuthorizationException unauthorized(String reason) {
        return new AuthorizationException(Kind.UNAUTHORIZED, null, reason);
    }

    /** 401 with an explicit message the client sees (e.g. "certificate expired on ..."). */
    public static AuthorizationException unauthorized(String clientMessage, String reason) {
        return new AuthorizationException(Kind.UNAUTHORIZED, clientMessage, reason);
    }

    /** 403: the token is valid but the request asks for more than it allows. */
    public static AuthorizationException forbidden(String clientMessage) {
        return new AuthorizationException(Kind.FORBIDDEN, clientMessage, clientMessage);
    }

    /** 400: the request itself is malformed. */
    public static AuthorizationException badRequest(String clientMessage) {
        return new AuthorizationException(Kind.BAD_REQUEST, clientMessage, clientMessage);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status step-ca answers this kind with (for tests and logs; the HTTP edge maps kinds itself). */
    public int status() {
        switch (kind) {
            case BAD_REQUEST:
                return 400;
            case FORBIDDEN:
                return 403;
            default:
                return 401;
        }
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
        return StepMessages.render(status(), explicitMessage);
    }
}
