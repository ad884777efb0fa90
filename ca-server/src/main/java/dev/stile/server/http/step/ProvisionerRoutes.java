package dev.stile.server.http.step;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stile.provisioners.JwkProvisioner;
import dev.stile.provisioners.Provisioner;
import dev.stile.provisioners.ProvisionerRegistry;
import dev.stile.server.http.JsonResponses;
import dev.stile.server.http.RouteModule;
import dev.stile.server.http.Routes;
import dev.stile.server.http.StepErrors;
import dev.stile.core.Page;
import dev.stile.core.PageRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /provisioners} (paginated, each provisioner as configured, {@code encryptedKey}
 * included as step-ca does) and {@code GET /provisioners/{kid}/encrypted-key} (reference 2.5, 2.6).
 */
public final class ProvisionerRoutes implements RouteModule {

    private final Supplier<ProvisionerRegistry> provisioners;

    public ProvisionerRoutes(Supplier<ProvisionerRegistry> provisioners) {
        this.provisioners = provisioners;
    }

    @Override
    public void register(RoutesConfig routes) {
        Routes.getAndHead(routes, "/provisioners", this::list);
        Routes.getAndHead(routes, "/provisioners/{kid}/encrypted-key", this::encryptedKey);
    }

    private void list(Context ctx) {
        PageRequest request;
        try {
            request = ProvisionerRegistry.pageRequest(ctx.queryParam("cursor"), ctx.queryParam("limit"));
        } catch (IllegalArgumentException e) {
            StepErrors.badRequest(ctx, "error converting " + e.getMessage());
            return;
        }
        Page<Provisioner> page;
        try {
            page = provisioners.get().page(request);
        } catch (IllegalArgumentException e) {
            StepErrors.badRequest(ctx, e.getMessage());
            return;
        }
        ObjectNode body = JsonResponses.mapper().createObjectNode();
        ArrayNode list = body.putArray("provisioners");
        page.items().forEach(p -> list.add(p.json()));
        body.put("nextCursor", page.nextCursor());
        JsonResponses.send(ctx, 200, body);
    }

    private void encryptedKey(Context ctx) {
        String kid = ctx.pathParam("kid");
        Optional<String> key = provisioners.get().jwkByKid(kid).flatMap(JwkProvisioner::encryptedKey);
        if (key.isEmpty()) {
            StepErrors.notFound(ctx, "encrypted key not found for provisioner with kid " + kid);
            return;
        }
        JsonResponses.send(ctx, 200, Map.of("key", key.get()));
    }
}
