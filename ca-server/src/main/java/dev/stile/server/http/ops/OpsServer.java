package dev.stile.server.http.ops;

import dev.stile.server.ops.Readiness;
import dev.stile.server.ops.StileMetrics;
import dev.stile.server.config.HostPort;
import dev.stile.server.http.JsonResponses;
import io.javalin.Javalin;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.util.Map;

/**
 * The optional plain-HTTP operations listener ({@code ops.address}, e.g. {@code 127.0.0.1:9100}):
 * {@code /health} (liveness), {@code /ready} (readiness) and {@code /metrics} (Prometheus). Plain
 * HTTP so that kubelet probes and Prometheus need no CA trust; bind it to loopback or a pod IP,
 * never to the internet: it has no authentication.
 */
public final class OpsServer implements AutoCloseable {

    private final Javalin javalin;

    private OpsServer(Javalin javalin) {
        this.javalin = javalin;
    }

    public static OpsServer start(HostPort address, Readiness readiness, StileMetrics metrics) {
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            QueuedThreadPool pool = new QueuedThreadPool(6, 1);
            pool.setName("stile-ops");
            config.jetty.threadPool = pool;
            config.jetty.addConnector((server, httpConfig) -> {
                httpConfig.setSendServerVersion(false);
                ServerConnector c = new ServerConnector(server);
                c.setHost(address.bindHost());
                c.setPort(address.port());
                c.setIdleTimeout(30_000);
                return c;
            });
            config.routes.get("/health", ctx -> JsonResponses.send(ctx, 200, Map.of("status", "ok")));
            config.routes.get("/ready", ctx -> HealthRoutes.ready(ctx, readiness));
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.scrape()));
        });
        app.start();
        return new OpsServer(app);
    }

    public int port() {
        return javalin.port();
    }

    @Override
    public void close() {
        javalin.stop();
    }
}
