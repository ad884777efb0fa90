package dev.stile.server.http.step;

import dev.stile.server.http.JsonResponses;
import dev.stile.server.http.RouteModule;
import dev.stile.server.http.Routes;
import dev.stile.step.ProvisionerKeys;
import dev.stile.step.wire.StepWire;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code GET /provisioners} (paginated, each provisioner as configured, {@code encryptedKey}
 * included as step-ca does) and {@code GET /provisioners/{kid}/encrypted-key} (reference 2.5, 2.6).
 */
public final class ProvisionerRoutes implements RouteModule {

    private final ProvisionerKeys provisioners;

    public ProvisionerRoutes(ProvisionerKeys provisioners) {
        this.provisioners = provisioners;
    }

    @Override
    public void register(RoutesConfig routes) {
        Routes.getAndHead(routes, "/provisioners", this::list);
        Routes.getAndHead(routes, "/provisioners/{kid}/encrypted-key", this::encryptedKey);
    }

    private void list(Context ctx) {
        StepFailures.handleQuietly(ctx, () -> JsonResponses.send(ctx, 200,
                StepWire.provisionersResponse(provisioners.page(ctx.queryParam("cursor"), ctx.queryParam("limit")))));
    }

    private void encryptedKey(Context ctx) {
        StepFailures.handleQuietly(ctx, () -> JsonResponses.send(ctx, 200,
                StepWire.encryptedKeyResponse(provisioners.encryptedKey(ctx.pathParam("kid")))));
    }
}
