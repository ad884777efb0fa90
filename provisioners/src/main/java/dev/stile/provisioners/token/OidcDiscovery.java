package dev.stile.provisioners.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * OpenID provider metadata (issuer, JWKS) fetched from a provisioner's {@code configurationEndpoint}
 * and cached. Bounded in every direction: a timeout on each request, a size limit on each response,
 * at most {@link #MAX_PROVIDERS} providers cached, a refresh at most once a minute when a token
 * names an unknown key. Plain HTTP is refused except to loopback addresses (tests, sidecars).
 */
public final class OidcDiscovery {

    static final int MAX_PROVIDERS = 32;
    private static final int MAX_BODY_BYTES = 512 * 1024;
    private static final Duration CACHE_FOR = Duration.ofHours(1);
    private static final Duration MIN_REFRESH = Duration.ofMinutes(1);

    private final Supplier<HttpClient> http;
    private final Duration timeout;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<URI, Provider> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<URI, Provider> eldest) {
            return size() > MAX_PROVIDERS;
        }
    };

    /** What a provider published, as of {@code fetchedAt}. */
    public record Provider(String issuer, List<JsonWebKey> keys, Instant fetchedAt) {
    }

    public OidcDiscovery(HttpClient http, Duration timeout, Clock clock) {
        this(() -> http, timeout, clock);
    }

    private OidcDiscovery(Supplier<HttpClient> http, Duration timeout, Clock clock) {
        this.http = http;
        this.timeout = timeout;
        this.clock = clock;
    }

    /**
     * A discovery client with a 10 s timeout and the JVM's default trust store. Its HTTP client is
     * built on the first fetch: most CAs have no OIDC provisioner, and building one at start-up
     * loaded ~500 classes and started a selector thread that then idled for the server's life.
     */
    public static OidcDiscovery withDefaults(Clock clock) {
        Duration timeout = Duration.ofSeconds(10);
        return new OidcDiscovery(new LazyClient(() -> HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build()), timeout, clock);
    }

    /** Builds the client once, when it is first needed. */
    private static final class LazyClient implements Supplier<HttpClient> {
        private final Supplier<HttpClient> build;
        private HttpClient client;

        LazyClient(Supplier<HttpClient> build) {
            this.build = build;
        }

        @Override
        public synchronized HttpClient get() {
            if (client == null) {
                client = build.get();
            }
            return client;
        }
    }

    /**
     * The provider's metadata, from the cache unless stale, or refreshed when {@code refresh} is set
     * and the cached copy is older than a minute (a token names a key we do not know: keys rotated).
     *
     * @throws IOException naming the URL and what failed (connect, HTTP status, body)
     */
    public Provider provider(URI configurationEndpoint, boolean refresh) throws IOException {
        Instant now = clock.instant();
        Provider cached;
        synchronized (cache) {
            cached = cache.get(configurationEndpoint);
        }
        if (cached != null) {
            Duration age = Duration.between(cached.fetchedAt(), now);
            boolean stale = age.compareTo(CACHE_FOR) > 0;
            boolean mayRefresh = refresh && age.compareTo(MIN_REFRESH) > 0;
            if (!stale && !mayRefresh) {
                return cached;
            }
        }
        Provider fresh = fetch(configurationEndpoint, now);
        synchronized (cache) {
            cache.put(configurationEndpoint, fresh);
        }
        return fresh;
    }

    private Provider fetch(URI endpoint, Instant now) throws IOException {
        JsonNode config = json.readTree(get(endpoint, "OpenID configuration"));
        String issuer = config.path("issuer").asText(null);
        String jwksUri = config.path("jwks_uri").asText(null);
        if (issuer == null || jwksUri == null) {
            throw new IOException("OpenID configuration at " + endpoint + " lacks \"issuer\" or \"jwks_uri\"");
        }
        URI jwks = endpoint.resolve(jwksUri);
        String body = get(jwks, "JWKS");
        try {
            return new Provider(issuer, new JsonWebKeySet(body).getJsonWebKeys(), now);
        } catch (JoseException e) {
            throw new IOException("JWKS at " + jwks + " is not a JSON Web Key Set: " + e.getMessage(), e);
        }
    }

    private String get(URI uri, String what) throws IOException {
        requireSafeScheme(uri, what);
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build();
        HttpResponse<InputStream> resp;
        try {
            resp = http.get().send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching the " + what + " from " + uri, e);
        } catch (java.net.http.HttpTimeoutException e) {
            throw new IOException("timed out after " + timeout.toSeconds() + " s fetching the " + what + " from " + uri, e);
        } catch (IOException e) {
            throw new IOException("cannot connect to fetch the " + what + " from " + uri + ": " + e, e);
        }
        try (InputStream in = resp.body()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (resp.statusCode() != 200) {
                throw new IOException("the " + what + " at " + uri + " answered HTTP " + resp.statusCode());
            }
            if (body.length > MAX_BODY_BYTES) {
                throw new IOException("the " + what + " at " + uri + " is larger than " + MAX_BODY_BYTES + " bytes");
            }
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static void requireSafeScheme(URI uri, String what) throws IOException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (scheme.equals("https")) {
            return;
        }
        if (scheme.equals("http") && isLoopback(uri.getHost())) {
            return;
        }
        throw new IOException("the " + what + " URL " + uri + " must use https (plain http only to loopback addresses)");
    }

    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        // Only literal addresses: never resolve names here.
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
