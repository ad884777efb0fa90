package dev.stile.server.http.ops;

import dev.stile.server.ops.Readiness;
import dev.stile.server.http.JsonResponses;
import dev.stile.server.http.RouteModule;
import dev.stile.server.http.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /ready} (and {@code /1.0/ready}) on the main HTTPS listener; {@code /health} is
 * CoreRoutes'. The ops listener serves both plus {@code /metrics} through {@link OpsServer}.
 */
public final class HealthRoutes implements RouteModule {

    private final Readiness readiness;

    public HealthRoutes(Readiness readiness) {
        this.readiness = readiness;
    }

    @Override
    public void register(RoutesConfig routes) {
        Routes.getAndHead(routes, "/ready", ctx -> ready(ctx, readiness));
    }

    static void ready(Context ctx, Readiness readiness) {
        List<String> problems = readiness.problems();
        Map<String, Object> body = new LinkedHashMap<>();
        if (problems.isEmpty()) {
            body.put("status", "ok");
            JsonResponses.send(ctx, 200, body);
        } else {
            body.put("status", "unavailable");
            body.put("message", String.join("; ", problems));
            JsonResponses.send(ctx, 503, body);
        }
    }
}
