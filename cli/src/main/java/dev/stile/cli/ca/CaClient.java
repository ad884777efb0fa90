package dev.stile.cli.ca;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;

/**
 * A small client for step-ca's HTTP API on top of the JDK's {@link HttpClient}. Every failure
 * becomes a {@link CliException} whose message names the URL and says whether it was DNS, the
 * connection, TLS, a timeout, or the CA's own refusal (with the CA's {@code message}).
 */
public final class CaClient {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** step-ca answers are small; a larger body is not a CA talking. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER_AGENT = "stile-ca-client/1.0";

    private final URI base;
    private final HttpClient http;
    private final String trustHint;

    private CaClient(URI base, SSLContext ssl, String trustHint) {
        this.base = base;
        this.trustHint = trustHint;
        this.http = HttpClient.newBuilder()
                .sslContext(ssl)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * @param caUrl     the CA's base URL ({@code https://host:port}); a path is kept as a prefix
     * @param ssl       how to trust the server and whether to present a client certificate
     * @param trustHint names the root file in TLS errors, e.g. {@code the root in ~/.stile-client/certs/root_ca.crt}
     */
    public static CaClient create(String caUrl, SSLContext ssl, String trustHint) {
        return new CaClient(parseBase(caUrl), ssl, trustHint);
    }

    /**
     * Validates a CA URL the way the operator typed it.
     *
     * @throws CliException when it is not an absolute https URL
     */
    public static URI parseBase(String caUrl) {
        URI uri;
        try {
            uri = new URI(caUrl.trim());
        } catch (URISyntaxException e) {
            throw CliException.usage("--ca-url \"" + caUrl + "\" is not a URL: " + e.getReason());
        }
        if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals("https")
                || uri.getHost() == null) {
            throw CliException.usage("--ca-url \"" + caUrl + "\" must be an https URL such as https://ca.example.com:9000");
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
        return URI.create(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority() + path);
    }

    /** The base URL, without a trailing slash, as tokens use it in {@code aud}. */
    public String baseUrl() {
        return base.toString();
    }

    public URI url(String path) {
        return URI.create(base + path);
    }

    /** GET that must answer 2xx with JSON. */
    public JsonNode getJson(String path) {
        return json(send(HttpRequest.newBuilder(url(path)).GET(), "GET"), url(path));
    }

    /** POST of a JSON body (or an empty one when {@code body} is null) that must answer 2xx with JSON. */
    public JsonNode postJson(String path, Object body, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).header("Content-Type", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            request.POST(body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the request: " + e.getMessage(), e);
        }
        return json(send(request, "POST"), url(path));
    }

    /**
     * Any method with an optional JSON body and {@code Authorization} value (admin commands);
     * must answer 2xx with JSON.
     */
    public JsonNode request(String method, String path, Object body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the request: " + e.getMessage(), e);
        }
        return json(send(request, method), url(path));
    }

    private HttpResponse<String> send(HttpRequest.Builder builder, String method) {
        HttpRequest request = builder.timeout(REQUEST_TIMEOUT).header("User-Agent", USER_AGENT).build();
        URI uri = request.uri();
        HttpResponse<String> response;
        try {
            response = http.send(request, responseInfo -> HttpResponse.BodySubscribers.mapping(
                    HttpResponse.BodySubscribers.ofByteArray(), bytes -> limited(bytes, uri)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.refused("interrupted while waiting for " + uri, e);
        } catch (IOException e) {
            throw CliException.refused(describe(e, method, uri), e);
        }
        if (response.statusCode() >= 400) {
            throw CliException.refused("the CA refused " + method + " " + uri + " (HTTP " + response.statusCode()
                    + "): " + serverMessage(response.body()));
        }
        if (response.statusCode() >= 300) {
            throw CliException.refused(method + " " + uri + " answered HTTP " + response.statusCode()
                    + "; a step-ca compatible CA never redirects (is --ca-url pointing at a proxy?)");
        }
        return response;
    }

    private static String limited(byte[] bytes, URI uri) {
        if (bytes.length > MAX_BODY_BYTES) {
            return "{\"message\":\"the answer from " + uri + " is larger than " + MAX_BODY_BYTES + " bytes\"}";
        }
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    private String describe(IOException e, String method, URI uri) {
        Throwable root = rootCause(e);
        if (e instanceof HttpConnectTimeoutException) {
            return "cannot connect to " + uri + ": no answer within " + CONNECT_TIMEOUT.toSeconds() + " s";
        }
        if (e instanceof HttpTimeoutException) {
            return method + " " + uri + " got no answer within " + REQUEST_TIMEOUT.toSeconds() + " s";
        }
        if (root instanceof UnresolvedAddressException || root instanceof UnknownHostException) {
            return "cannot resolve the host of " + uri + " (DNS)";
        }
        if (root instanceof ConnectException || e instanceof ConnectException) {
            return "cannot connect to " + uri + " (connection refused): is the CA running there?";
        }
        if (e instanceof SSLHandshakeException || root instanceof SSLException || e instanceof SSLException) {
            return "TLS handshake with " + uri + " failed (" + message(root) + "); is it the CA that "
                    + trustHint + " belongs to?";
        }
        return method + " " + uri + " failed: " + message(root);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : ClientHome.firstLine(m);
    }

    /** step-ca's {@code {"status":N,"message":"..."}}; ACME/admin shapes carry {@code detail}. */
    static String serverMessage(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null) {
                for (String key : new String[] {"message", "detail"}) {
                    JsonNode m = node.get(key);
                    if (m != null && m.isTextual() && !m.asText().isBlank()) {
                        return ClientHome.firstLine(m.asText());
                    }
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // Not JSON: show the start of the body instead.
        }
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            return "no message";
        }
        text = ClientHome.firstLine(text);
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private static JsonNode json(HttpResponse<String> response, URI uri) {
        try {
            JsonNode node = JSON.readTree(response.body());
            if (node == null || node.isMissingNode()) {
                throw CliException.refused(uri + " answered HTTP " + response.statusCode() + " with an empty body");
            }
            return node;
        } catch (IOException e) {
            throw CliException.refused(uri + " answered HTTP " + response.statusCode()
                    + " with something that is not JSON: " + serverMessage(response.body()));
        }
    }
}
