package dev.stile.server.http.acme;

import dev.stile.acme.problem.AcmeException;
import dev.stile.acme.problem.AcmeProblem;
import dev.stile.acme.problem.ProblemDocument;
import dev.stile.acme.problem.RateLimitedException;
import dev.stile.acme.service.AcmeLinks;
import dev.stile.acme.service.AcmeProvisionerSettings;
import dev.stile.acme.service.KeyConflictException;
import dev.stile.acme.port.AcmeEvents;
import dev.stile.server.http.DatabaseOutage;
import dev.stile.server.http.RouteModule;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every ACME resource of every ACME provisioner, at {@code /acme/{provisioner}/...} and at step-ca's
 * alias {@code /2.0/acme/{provisioner}/...}. Links always point to {@code /acme/...} with the base
 * URL taken from the request's Host header (https). Errors become problem documents
 * ({@code application/problem+json}) with a fresh {@code Replay-Nonce}, so clients can retry
 * {@code badNonce} at once; unexpected exceptions become {@code serverInternal} with an error id
 * that is also in the log line.
 */
public final class AcmeRoutes implements RouteModule {

    private static final Logger LOG = LoggerFactory.getLogger(AcmeRoutes.class);
    private static final List<String> PREFIXES = List.of("/acme/{provisioner}", "/2.0/acme/{provisioner}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AcmeApi api;
    private final Supplier<String> fallbackBase;
    private final AcmeEvents events;
    private final KnownHosts hosts;
    private final AcmeLimits limits;
    private final RequestTransactions transactions;

    /**
     * @param api          the ACME services
     * @param fallbackBase {@code https://host[:port]} for requests without a Host header
     */
    public AcmeRoutes(AcmeApi api, Supplier<String> fallbackBase) {
        this(api, fallbackBase, AcmeEvents.NONE);
    }

    /**
     * @param events told about every request the JWS verifier refuses (rejection metrics); must not throw
     */
    public AcmeRoutes(AcmeApi api, Supplier<String> fallbackBase, AcmeEvents events) {
        this(api, fallbackBase, events, KnownHosts.ANY, AcmeLimits.NONE);
    }

    /**
     * @param hosts  the names a Host header may carry (ca.json's {@code dnsNames}); URLs are built from it
     * @param limits the rate limits and caps resources check before they change anything
     */
    public AcmeRoutes(AcmeApi api, Supplier<String> fallbackBase, AcmeEvents events, KnownHosts hosts,
                      AcmeLimits limits) {
        this(api, fallbackBase, events, hosts, limits, RequestTransactions.NONE);
    }

    /** @param transactions runs each request's store calls as one transaction */
    public AcmeRoutes(AcmeApi api, Supplier<String> fallbackBase, AcmeEvents events, KnownHosts hosts,
                      AcmeLimits limits, RequestTransactions transactions) {
        this.transactions = transactions;
        this.api = api;
        this.fallbackBase = fallbackBase;
        this.events = events == null ? AcmeEvents.NONE : events;
        this.hosts = hosts;
        this.limits = limits == null ? AcmeLimits.NONE : limits;
    }

    @Override
    public void register(RoutesConfig routes) {
        for (String p : PREFIXES) {
            routes.get(p + "/directory", handler(new DirectoryResource(), false));
            routes.head(p + "/directory", handler(new DirectoryResource(), false));
            routes.get(p + "/new-nonce", handler(new NonceResource(204), true));
            routes.head(p + "/new-nonce", handler(new NonceResource(200), true));
            routes.post(p + "/new-account", handler(new NewAccountResource(), true));
            routes.post(p + "/account/{id}", handler(new AccountResource(), true));
            routes.post(p + "/account/{id}/orders", handler(new AccountOrdersResource(), true));
            routes.post(p + "/key-change", handler(new KeyChangeResource(), true));
            routes.post(p + "/new-authz", handler(new NewAuthzResource(), true));
            routes.post(p + "/new-order", handler(new NewOrderResource(), true));
            routes.post(p + "/order/{id}", handler(new OrderResource(), true));
            routes.post(p + "/order/{id}/finalize", handler(new FinalizeResource(), true));
            routes.post(p + "/authz/{id}", handler(new AuthzResource(), true));
            routes.post(p + "/challenge/{authz}/{id}", handler(new ChallengeResource(), true));
            routes.post(p + "/certificate/{id}", handler(new CertificateResource(), true));
            routes.post(p + "/revoke-cert", handler(new RevokeCertResource(), true));
            routes.get(p + "/renewal-info/{certID}", handler(new RenewalInfoResource(), false));
        }
    }

    private Handler handler(AcmeHandler resource, boolean withNonce) {
        return ctx -> serve(ctx, resource, withNonce);
    }

    private void serve(Context ctx, AcmeHandler resource, boolean withNonce) {
        String name = ctx.pathParam("provisioner");
        if (!hosts.accepts(ctx.header("Host"))) {
            // Every URL in an answer is built from Host: one we do not serve would send the client elsewhere.
            problem(ctx, new AcmeLinks(fallbackBase.get(), name), AcmeProblem.MALFORMED.withDetail(
                    "the Host header does not name this CA; use one of " + hosts.describe() + " in the directory URL"));
            return;
        }
        AcmeLinks links = new AcmeLinks(base(ctx), name);
        if (ctx.contentLength() > api.jws().maxBody()) {
            problem(ctx, links, tooLarge());
            return;
        }
        try {
            Optional<AcmeProvisionerSettings> settings = api.provisioners().find(name);
            if (settings.isEmpty()) {
                provisionerNotFound(ctx, name);
                return;
            }
            AcmeExchange exchange = new AcmeExchange(ctx, api, settings.get(), links, requestUrl(ctx), events,
                    limits);
            if (resource.oneTransaction()) {
                transactions.inOne(() -> resource.handle(exchange));
            } else {
                resource.handle(exchange);
            }
            exchange.runAfterCommit();
            exchange.standardHeaders(withNonce);
        } catch (KeyConflictException e) {
            // RFC 8555 §7.3.5: 409 with the URL of the account that already has the key.
            ctx.header("Location", links.account(e.existingAccountId()));
            problem(ctx, links, e.problem());
        } catch (RateLimitedException e) {
            problem(ctx, links, e.problem());
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds())); // RFC 8555 §6.6
        } catch (AcmeException e) {
            problem(ctx, links, e.problem());
        } catch (io.javalin.http.HttpResponseException e) {
            // Javalin refused to read the body (a chunked body over maxRequestSize): a 4xx, not a failure.
            problem(ctx, links, e.getStatus() == 413 ? tooLarge() : AcmeProblem.MALFORMED.withDetail(e.getMessage()));
        } catch (RuntimeException e) {
            if (DatabaseOutage.causedBy(e)) {
                // No Replay-Nonce: issuing one needs the database, and waiting for it would only
                // delay the answer; a client retrying after Retry-After fetches a new nonce.
                LOG.warn(DatabaseOutage.logLine(ctx, e));
                ctx.res().setHeader("Retry-After", Integer.toString(DatabaseOutage.RETRY_AFTER_SECONDS));
                ctx.res().addHeader("Link", "<" + links.directory() + ">;rel=\"index\"");
                AcmeExchange.send(ctx, 503, "application/problem+json", AcmeJson.problem(new ProblemDocument(
                        AcmeProblem.SERVER_INTERNAL.type(), DatabaseOutage.DETAIL, 503, null, List.of())));
                return;
            }
            String errorId = HexFormat.of().formatHex(randomBytes());
            LOG.error("ACME {} {} failed unexpectedly (error id {}): {}", ctx.method(), ctx.path(), errorId,
                    e.getMessage(), e);
            problem(ctx, links, AcmeProblem.SERVER_INTERNAL.withDetail("the server failed unexpectedly; the operator"
                    + " finds the cause in the server log under error id " + errorId));
        }
    }

    private ProblemDocument tooLarge() {
        return new ProblemDocument(AcmeProblem.MALFORMED.type(), "the request body is larger than "
                + api.jws().maxBody() + " bytes", 413, null, List.of());
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return b;
    }

    /** A problem document with a fresh nonce (clients retry {@code badNonce} with it). */
    private void problem(Context ctx, AcmeLinks links, ProblemDocument p) {
        ctx.res().setHeader("Retry-After", null);
        try {
            ctx.header("Replay-Nonce", api.nonces().issue());
        } catch (RuntimeException e) {
            LOG.warn("no nonce for the error response of {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
        }
        ctx.res().addHeader("Link", "<" + links.directory() + ">;rel=\"index\"");
        int status = p.status() >= 400 ? p.status() : 400;
        AcmeExchange.send(ctx, status, "application/problem+json", AcmeJson.problem(p));
    }

    /** step-ca's admin error shape for an unknown provisioner name (step-ca-api.md 1, item 3). */
    private static void provisionerNotFound(Context ctx, String name) {
        var body = AcmeJson.object();
        body.put("type", "notFound");
        body.put("detail", "resource not found");
        body.put("message", "provisioner " + name + " not found");
        AcmeExchange.send(ctx, 404, "application/json", body);
    }

    private String base(Context ctx) {
        String host = ctx.header("Host");
        if (host == null || host.isBlank()) {
            return fallbackBase.get();
        }
        return "https://" + host.trim();
    }

    /** The URL this request was sent to, as the client wrote it into the JWS {@code url}. */
    private String requestUrl(Context ctx) {
        String query = ctx.queryString();
        return base(ctx) + ctx.path() + (query == null || query.isEmpty() ? "" : "?" + query);
    }
}
