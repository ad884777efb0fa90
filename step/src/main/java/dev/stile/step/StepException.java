package dev.stile.step;

import java.util.Objects;

/**
 * The one failure the step use cases throw: a {@link StepErrorKind}, the message a client may see
 * (or null for the kind's default sentence) and the precise reason for the log, which for
 * {@link StepErrorKind#UNAUTHORIZED} is never shown to clients (step-ca answers those generically).
 */
public final class StepException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final StepErrorKind kind;
    private final String clientMessage;

    public StepException(StepErrorKind kind, String clientMessage, String reason, Throwable cause) {
        super(reason, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.clientMessage = clientMessage;
    }

    public static StepException badRequest(String clientMessage) {
        return new StepException(StepErrorKind.BAD_REQUEST, clientMessage, clientMessage, null);
    }

    public static StepException notFound(String clientMessage, String reason) {
        return new StepException(StepErrorKind.NOT_FOUND, clientMessage, reason, null);
    }

    public static StepException notImplemented(String reason) {
        return new StepException(StepErrorKind.NOT_IMPLEMENTED, null, reason, null);
    }

    public StepErrorKind kind() {
        return kind;
    }

    /** The explicit client-visible detail, or null when the kind's default sentence applies. */
    public String clientMessage() {
        return clientMessage;
    }

    /** What exactly failed, for the log. */
    public String reason() {
        return getMessage();
    }
}
