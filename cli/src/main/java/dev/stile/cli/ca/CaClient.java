package dev.stile.cli.ca;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A small client for step-ca's HTTP API on top of the JDK's {@link HttpsURLConnection}. Not
 * {@code java.net.http.HttpClient}: its selector thread waits in native code, which holds every
 * command's exit up by 300 ms (the JVM waits that long for such threads), and it loads ~300 more
 * classes; one request per command needs none of it. Every failure
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
    private final SSLContext ssl;
    private final String trustHint;

    private CaClient(URI base, SSLContext ssl, String trustHint) {
        this.base = base;
        this.ssl = ssl;
        this.trustHint = trustHint;
    }

    /** A status and a body read in full (at most {@link #MAX_BODY_BYTES}). */
    private record Response(int statusCode, String body) {
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
        return json(send("GET", url(path), Map.of(), null), url(path));
    }

    /** POST of a JSON body (or an empty one when {@code body} is null) that must answer 2xx with JSON. */
    public JsonNode postJson(String path, Object body, String bearer) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (bearer != null) {
            headers.put("Authorization", "Bearer " + bearer);
        }
        return json(send("POST", url(path), headers, body == null ? new byte[0] : encode(body)), url(path));
    }

    /**
     * Any method with an optional JSON body and {@code Authorization} value (admin commands);
     * must answer 2xx with JSON.
     */
    public JsonNode request(String method, String path, Object body, String authorization) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        byte[] bytes = null;
        if (body != null) {
            headers.put("Content-Type", "application/json");
            bytes = encode(body);
        } else if (!method.equals("GET") && !method.equals("DELETE")) {
            bytes = new byte[0];
        }
        return json(send(method, url(path), headers, bytes), url(path));
    }

    private static byte[] encode(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the request: " + e.getMessage(), e);
        }
    }

    private Response send(String method, URI uri, Map<String, String> headers, byte[] body) {
        Response response;
        boolean connected = false;
        HttpsURLConnection connection = null;
        try {
            // parseBase admits https URLs only.
            connection = (HttpsURLConnection) uri.toURL().openConnection();
            connection.setSSLSocketFactory(ssl.getSocketFactory());
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            connection.setReadTimeout((int) REQUEST_TIMEOUT.toMillis());
            connection.setRequestMethod(method);
            connection.setRequestProperty("User-Agent", USER_AGENT);
            headers.forEach(connection::setRequestProperty);
            if (body != null) {
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(body.length);
            }
            connection.connect(); // TCP and the TLS handshake, under the connect timeout
            connected = true;
            if (body != null) {
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = connection.getResponseCode();
            InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            response = new Response(status, in == null ? "" : limited(in, uri));
        } catch (IOException e) {
            if (connection != null) {
                connection.disconnect();
            }
            throw CliException.refused(describe(e, method, uri, connected), e);
        }
        // A body read to its end leaves the connection in the JDK's keep-alive cache: the next
        // request of the same command reuses it.
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

    private static String limited(InputStream in, URI uri) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                return "{\"message\":\"the answer from " + uri + " is larger than " + MAX_BODY_BYTES + " bytes\"}";
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private String describe(IOException e, String method, URI uri, boolean connected) {
        Throwable root = rootCause(e);
        if (e instanceof SocketTimeoutException && !connected) {
            return "cannot connect to " + uri + ": no answer within " + CONNECT_TIMEOUT.toSeconds() + " s";
        }
        if (e instanceof SocketTimeoutException) {
            return method + " " + uri + " got no answer within " + REQUEST_TIMEOUT.toSeconds() + " s";
        }
        if (root instanceof UnknownHostException) {
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

    private static JsonNode json(Response response, URI uri) {
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
