package dev.stile.server.http;

import dev.stile.provisioners.StepMessages;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * step-ca's core API error body {@code {"status":N,"message":"..."}} with the same HTTP status.
 * The step CLI and step-issuer decode this shape for every status >= 400, so every core route
 * answers errors through here. Internal details belong in the log, not in the message; the
 * default wording per status is {@link StepMessages#defaultMessage(int)}.
 */
public final class StepErrors {

    private StepErrors() {
    }

    /** Sends {@code message} as is. */
    public static void send(Context ctx, int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("message", message == null || message.isEmpty() ? StepMessages.defaultMessage(status) : message);
        JsonResponses.send(ctx, status, body);
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
