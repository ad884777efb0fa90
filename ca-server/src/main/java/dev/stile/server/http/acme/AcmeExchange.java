package dev.stile.server.http.acme;

import dev.stile.acme.validation.dns.PersistRecord;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.acme.jws.AuthMode;
import dev.stile.acme.jws.JwsRequest;
import dev.stile.acme.jws.VerifiedRequest;
import dev.stile.acme.problem.AcmeException;
import dev.stile.acme.problem.AcmeProblem;
import dev.stile.acme.service.AcmeLinks;
import dev.stile.acme.service.AcmeProvisionerSettings;
import dev.stile.acme.port.AcmeEvents;
import dev.stile.server.http.JsonResponses;
import io.javalin.http.Context;

import java.time.Duration;

/**
 * One ACME request in progress: the provisioner it addresses, the links as this client sees them
 * (base URL from its Host header), JWS verification against the exact request URL, and the
 * response headers every ACME answer carries.
 */
public final class AcmeExchange {

    private final Context ctx;
    private final AcmeApi api;
    private final AcmeProvisionerSettings settings;
    private final AcmeLinks links;
    private final String requestUrl;
    private final AcmeEvents events;
    private final AcmeLimits limits;
    private Runnable afterCommit;

    AcmeExchange(Context ctx, AcmeApi api, AcmeProvisionerSettings settings, AcmeLinks links, String requestUrl,
                 AcmeEvents events) {
        this(ctx, api, settings, links, requestUrl, events, AcmeLimits.NONE);
    }

    AcmeExchange(Context ctx, AcmeApi api, AcmeProvisionerSettings settings, AcmeLinks links, String requestUrl,
                 AcmeEvents events, AcmeLimits limits) {
        this.limits = limits;
        this.events = events;
        this.ctx = ctx;
        this.api = api;
        this.settings = settings;
        this.links = links;
        this.requestUrl = requestUrl;
    }

    public Context ctx() {
        return ctx;
    }

    public AcmeApi api() {
        return api;
    }

    public AcmeProvisionerSettings settings() {
        return settings;
    }

    /** The provisioner's issuer domain names for dns-persist-01 challenges (its caaIdentities, normalised). */
    public java.util.List<String> issuerDomainNames() {
        return PersistRecord.issuerDomainNames(settings.caaIdentities());
    }

    /**
     * Runs {@code work} once this request's transaction is committed (see {@link RequestTransactions}):
     * for work on other threads that must see what the request wrote. It may still answer the request.
     */
    public void afterCommit(Runnable work) {
        if (afterCommit != null) {
            throw new IllegalStateException("one after-commit step per request");
        }
        afterCommit = work;
    }

    void runAfterCommit() {
        Runnable work = afterCommit;
        afterCommit = null;
        if (work != null) {
            work.run();
        }
    }

    /** The rate limits and caps to check before changing anything. */
    public AcmeLimits limits() {
        return limits;
    }

    /** The TCP peer's address as Jetty sees it (no forwarding header is trusted here). */
    public String peerAddress() {
        return ctx.req().getRemoteAddr();
    }

    /** Every URL of this provisioner's ACME server, always under {@code /acme/} (step-ca does the same). */
    public AcmeLinks links() {
        return links;
    }

    public String pathParam(String name) {
        return ctx.pathParam(name);
    }

    /**
     * Verifies the JWS of this POST against the raw body bytes and the URL the client sent it to
     * (RFC 8555 §6.4: the protected {@code url} must equal it).
     */
    public VerifiedRequest verify(AuthMode mode) {
        JwsRequest request = new JwsRequest(ctx.header("Content-Type"), ctx.bodyAsBytes(), requestUrl,
                settings.name(), links.accountPrefix());
        try {
            return api.jws().verify(request, mode);
        } catch (AcmeException e) {
            // Counted here, where the refusal is known to come from the verifier, not from a service.
            events.jwsRejected(code(e.problem().type()));
            throw e;
        }
    }

    private static String code(String type) {
        return type.startsWith(AcmeProblem.NAMESPACE) ? type.substring(AcmeProblem.NAMESPACE.length()) : type;
    }

    /**
     * {@code Link: <directory>;rel="index"} (RFC 8555 §7.1) and, for POSTs and new-nonce, a fresh
     * {@code Replay-Nonce} (§6.5).
     */
    void standardHeaders(boolean withNonce) {
        if (withNonce) {
            ctx.header("Replay-Nonce", api.nonces().issue());
        }
        addLink(links.directory(), "index");
    }

    public AcmeExchange location(String url) {
        ctx.header("Location", url);
        return this;
    }

    public AcmeExchange link(String url, String rel) {
        addLink(url, rel);
        return this;
    }

    public AcmeExchange retryAfter(Duration delay) {
        ctx.header("Retry-After", Long.toString(Math.max(1, delay.toSeconds())));
        return this;
    }

    private void addLink(String url, String rel) {
        ctx.res().addHeader("Link", "<" + url + ">;rel=\"" + rel + "\"");
    }

    /** Sends a JSON body ({@code application/json}). */
    public void json(int status, JsonNode body) {
        send(ctx, status, "application/json", body);
    }

    static void send(Context ctx, int status, String contentType, JsonNode body) {
        try {
            ctx.status(status).contentType(contentType).result(JsonResponses.mapper().writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ACME response is not serialisable: " + e.getMessage(), e);
        }
    }
}
