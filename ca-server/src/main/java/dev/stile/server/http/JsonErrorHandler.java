package dev.stile.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.stile.provisioners.StepMessages;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Jetty's own refusals (a request line or header it cannot parse: 400, 414, 431; a path it cannot
 * decode) answered as JSON instead of Jetty's HTML page: step's {@code {"status","message"}}, or
 * an ACME problem document under {@code /acme/}. Nothing of the request is repeated.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        // Called while parsing, before there is a request to route: step's shape.
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(step(status));
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        String path = request.getHttpURI() == null ? "" : String.valueOf(request.getHttpURI().getPath());
        boolean acme = path.startsWith("/acme/") || path.startsWith("/2.0/acme/");
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, acme ? "application/problem+json" : "application/json");
        response.write(true, ByteBuffer.wrap(acme ? problem(code) : step(code)), callback);
    }

    static String message(int status) {
        return switch (status) {
            case 400 -> "The request could not be parsed (bad request line, header or path encoding).";
            case 413 -> "The request body is too large.";
            case 414 -> "The request URI is too long.";
            case 431 -> "The request's header fields are too large.";
            default -> StepMessages.defaultMessage(status);
        };
    }

    private static byte[] step(int status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("message", message(status));
        return json(body);
    }

    private static byte[] problem(int status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", status >= 500 ? "urn:ietf:params:acme:error:serverInternal" : "urn:ietf:params:acme:error:malformed");
        body.put("detail", message(status));
        body.put("status", status);
        return json(body);
    }

    private static byte[] json(Map<String, Object> body) {
        try {
            return JsonResponses.mapper().writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
