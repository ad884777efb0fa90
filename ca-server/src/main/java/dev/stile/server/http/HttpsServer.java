package dev.stile.server.http;

import dev.stile.server.config.HostPort;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.ContentTooLargeResponse;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.List;

/**
 * The one HTTPS listener: Javalin on Jetty with a TLS-only connector, the route modules, request
 * ids and step-ca's 404 text. Stopping is graceful: no new connections, requests in flight finish
 * within the stop timeout.
 */
public final class HttpsServer {

    private static final Logger LOG = LoggerFactory.getLogger(HttpsServer.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("dev.stile.access");
    /** Small and bounded: the server runs in a 64 MiB heap. */
    private static final int MAX_THREADS = 32;
    /** The most any route reads of a body (chunked bodies without a length are cut off here). */
    static final long MAX_REQUEST = 256 * 1024;

    private final Javalin javalin;

    private HttpsServer(Javalin javalin) {
        this.javalin = javalin;
    }

    public static HttpsServer start(HostPort address, SslContextFactory.Server ssl, List<RouteModule> modules,
                                    Duration stopTimeout) {
        Server[] jetty = new Server[1];
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.prefer405over404 = true;
            config.jetty.threadPool = threadPool();
            config.http.maxRequestSize = MAX_REQUEST;
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new JsonErrorHandler());
                server.setStopTimeout(stopTimeout.toMillis());
                jetty[0] = server;
            });
            config.jetty.addConnector((server, httpConfig) -> connector(server, httpConfig, ssl, address));
            config.events.serverStarting(() -> jetty[0].insertHandler(new GracefulHandler()));
            config.routes.before(RequestIds::assign);
            config.routes.before(BodyLimit::check);
            config.routes.error(404, HttpsServer::notFound);
            config.routes.exception(ContentTooLargeResponse.class, (e, ctx) -> {
                // The body limit (BodyLimit, or Javalin's maxRequestSize on a chunked body): an answer, not a failure.
                LOG.warn("{} {} refused ({}): {}", ctx.method(), ctx.path(), e.getStatus(), e.getMessage());
                StepErrors.send(ctx, e.getStatus(), JsonErrorHandler.message(e.getStatus()));
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                if (DatabaseOutage.causedBy(e)) {
                    LOG.warn(DatabaseOutage.logLine(ctx, e));
                    DatabaseOutage.answerStep(ctx);
                    return;
                }
                LOG.error("{} {} failed: {}", ctx.method(), ctx.path(), e.getMessage(), e);
                StepErrors.internal(ctx);
            });
            config.requestLogger.http((ctx, ms) -> {
                ACCESS.info("{} {} {} {}ms", ctx.method(), ctx.path(), ctx.statusCode(), Math.round(ms));
                MDC.remove("requestId");
            });
            for (RouteModule module : modules) {
                module.register(config.routes);
            }
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            stopQuietly(app);
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new IllegalStateException("address: cannot listen on " + address + ": " + reason, e);
        } finally {
            MDC.remove("requestId");
        }
        return new HttpsServer(app);
    }

    private static void stopQuietly(Javalin app) {
        try {
            app.stop();
        } catch (RuntimeException ignored) {
            // already failed to start; nothing more to release
        }
    }

    private static QueuedThreadPool threadPool() {
        QueuedThreadPool pool = new QueuedThreadPool(MAX_THREADS, 2);
        pool.setName("stile-http");
        return pool;
    }

    private static ServerConnector connector(Server server, HttpConfiguration base, SslContextFactory.Server ssl,
                                             HostPort address) {
        HttpConfiguration https = new HttpConfiguration(base);
        https.setSendServerVersion(false);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // One certificate for every name and for IP access (step-ca does the same): never reject
        // a request because its Host or SNI is not on the certificate.
        secure.setSniHostCheck(false);
        secure.setSniRequired(false);
        https.addCustomizer(secure);
        ServerConnector connector = new ServerConnector(server,
                new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
        connector.setHost(address.bindHost());
        connector.setPort(address.port());
        connector.setIdleTimeout(30_000);
        return connector;
    }

    /**
     * Unknown paths get Go's plain "404 page not found", as step-ca answers; a 404 a route sent
     * on purpose (JSON error body) is left alone.
     */
    private static void notFound(Context ctx) {
        String type = ctx.res().getContentType();
        if (type != null && (type.startsWith("application/json") || type.startsWith("application/problem+json"))) {
            return;
        }
        ctx.contentType("text/plain; charset=utf-8").result("404 page not found\n");
    }

    public int port() {
        return javalin.port();
    }

    public void stop() {
        javalin.stop();
    }
}
