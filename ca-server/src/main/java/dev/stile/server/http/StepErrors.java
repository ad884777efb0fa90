package dev.stile.server.http;

import dev.stile.provisioners.StepMessages;
import dev.stile.step.wire.StepWire;
import io.javalin.http.Context;

/**
 * step-ca's core API error body {@code {"status":N,"message":"..."}} with the same HTTP status
 * (rendered by {@link StepWire}, which the wire-format fixtures check).
 * The step CLI and step-issuer decode this shape for every status >= 400, so every core route
 * answers errors through here. Internal details belong in the log, not in the message; the
 * default wording per status is {@link StepMessages#defaultMessage(int)}.
 */
public final class StepErrors {

    private StepErrors() {
    }

    /** Sends {@code message} as is. */
    public static void send(Context ctx, int status, String message) {
        JsonResponses.send(ctx, status, StepWire.errorBody(status, message));
    }

    /** Sends a step use case's failure, already mapped to its status and body. */
    public static void send(Context ctx, StepWire.Error error) {
        JsonResponses.send(ctx, error.status(), error.body());
    }

    /** 400 rendered as step-ca renders explicit bad-request messages. */
    public static void badRequest(Context ctx, String detail) {
        send(ctx, 400, "The request could not be completed: " + detail + ".");
    }

    /** 403 rendered as step-ca renders explicit forbidden messages. */
    public static void forbidden(Context ctx, String detail) {
        send(ctx, 403, "The request was forbidden by the certificate authority: " + detail + ".");
    }

    /** 401 with step-ca's default message (the reason goes to the log). */
    public static void unauthorized(Context ctx) {
        send(ctx, 401, StepMessages.defaultMessage(401));
    }

    /** 404 with an explicit message. */
    public static void notFound(Context ctx, String message) {
        send(ctx, 404, message);
    }

    /** 500 with step-ca's default message (the cause goes to the log). */
    public static void internal(Context ctx) {
        send(ctx, 500, StepMessages.defaultMessage(500));
    }
}
