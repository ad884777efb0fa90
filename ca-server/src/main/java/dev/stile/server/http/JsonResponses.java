package dev.stile.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/**
 * Writes JSON bodies the way step-ca does: {@code Content-Type: application/json} and the JSON
 * followed by a newline (Go's {@code json.Encoder}).
 */
public final class JsonResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonResponses() {
    }

    public static void send(Context ctx, int status, Object body) {
        String text;
        try {
            text = JSON.writeValueAsString(body) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response is not serialisable: " + e.getMessage(), e);
        }
        ctx.status(status).contentType("application/json").result(text);
    }

    /** The shared mapper (thread-safe once configured). */
    public static ObjectMapper mapper() {
        return JSON;
    }
}
