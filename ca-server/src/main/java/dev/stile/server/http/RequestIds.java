package dev.stile.server.http;

import io.javalin.http.Context;
import org.slf4j.MDC;

import java.security.SecureRandom;

/**
 * {@code X-Request-Id} on every response: the client's own (or step's legacy
 * {@code X-Smallstep-Id}) when sane, else a fresh 20-character id like step-ca's xid.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String LEGACY_HEADER = "X-Smallstep-Id";
    private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuv";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {
    }

    /** A before-handler: sets the response header and the logging MDC key {@code requestId}. */
    public static void assign(Context ctx) {
        String id = sanitise(ctx.header(HEADER));
        if (id == null) {
            id = sanitise(ctx.header(LEGACY_HEADER));
        }
        if (id == null) {
            id = fresh();
        }
        ctx.header(HEADER, id);
        ctx.attribute(HEADER, id);
        MDC.put("requestId", id);
    }

    /** The id of the current request. */
    public static String of(Context ctx) {
        Object id = ctx.attribute(HEADER);
        return id == null ? "" : id.toString();
    }

    static String fresh() {
        char[] out = new char[20];
        for (int i = 0; i < out.length; i++) {
            out[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return new String(out);
    }

    /** Client ids are echoed into headers and logs: keep them short and printable. */
    private static String sanitise(String id) {
        if (id == null || id.isEmpty() || id.length() > 64 || !id.matches("[A-Za-z0-9._:-]+")) {
            return null;
        }
        return id;
    }
}
