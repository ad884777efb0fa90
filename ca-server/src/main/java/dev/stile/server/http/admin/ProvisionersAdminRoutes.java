package dev.stile.server.http.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stile.admin.AdminRecord;
import dev.stile.admin.AdminStore;
import dev.stile.provisioners.Provisioner;
import dev.stile.provisioners.ProvisionerRegistry;
import dev.stile.server.http.JsonResponses;
import dev.stile.server.http.RouteModule;
import dev.stile.server.ops.AuditLog;
import dev.stile.server.http.admin.linkedca.LinkedcaProvisioners;
import dev.stile.core.Page;
import dev.stile.core.PageRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /admin/provisioners}: list, get, create, replace, delete, effective without a restart.
 * As in step-ca, single provisioners are linkedca.Provisioner protojson ({@link LinkedcaProvisioners})
 * and the list is the JSON of {@code GET /provisioners}. Bodies may also be a provisioner in ca.json
 * form (no {@code details} member); such a request is answered in ca.json form too. A provisioner
 * is addressed by name in the path or by its linkedca id with {@code ?id=}. On PUT, {@code id},
 * {@code type} and {@code authorityId} cannot change (400; step-ca answers 500). A provisioner the
 * last super-admins belong to cannot be deleted, so nobody locks the CA out of its own admin API.
 */
public final class ProvisionersAdminRoutes implements RouteModule {

    private final AdminRequests requests;
    private final Supplier<ProvisionerRegistry> registry;
    private final CaJsonProvisioners editor;
    private final AdminStore admins;
    private final AuditLog audit;

    public ProvisionersAdminRoutes(AdminAuthenticator authenticator, Supplier<ProvisionerRegistry> registry,
                                   CaJsonProvisioners editor, AdminStore admins, AuditLog audit) {
        this.requests = new AdminRequests(authenticator);
        this.registry = registry;
        this.editor = editor;
        this.admins = admins;
        this.audit = audit;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/admin/provisioners", requests.authenticated(this::list));
        routes.get("/admin/provisioners/{name}", requests.authenticated(this::get));
        routes.post("/admin/provisioners", requests.authenticated(this::create));
        routes.put("/admin/provisioners/{name}", requests.authenticated(this::update));
        routes.delete("/admin/provisioners/{name}", requests.authenticated(this::delete));
    }

    private void list(Context ctx, AdminIdentity who) {
        String id = ctx.queryParam("id");
        if (id != null && !id.isBlank()) {
            // step-ca serves GET /admin/provisioners?id=.. as a single-provisioner lookup as well.
            get(ctx, who);
            return;
        }
        PageRequest request = ProvisionerRegistry.pageRequest(ctx.queryParam("cursor"), ctx.queryParam("limit"));
        Page<Provisioner> page = registry.get().page(request);
        ObjectNode body = JsonResponses.mapper().createObjectNode();
        ArrayNode list = body.putArray("provisioners");
        page.items().forEach(p -> list.add(p.json()));
        body.put("nextCursor", page.nextCursor());
        JsonResponses.send(ctx, 200, body);
    }

    private void get(Context ctx, AdminIdentity who) {
        Provisioner p = addressed(ctx);
        JsonResponses.send(ctx, 200, LinkedcaProvisioners.toProtoJson(p.json()));
    }

    /**
     * The provisioner named in the path, or with {@code ?id=} the one with that linkedca id (step-ca
     * reads the query parameter first, whatever the path says, e.g. {@code /admin/provisioners/id?id=..}).
     */
    private Provisioner addressed(Context ctx) {
        String id = ctx.queryParam("id");
        if (id != null && !id.isBlank()) {
            for (Provisioner p : registry.get().all()) {
                if (LinkedcaProvisioners.idOf(p.name()).equals(id.trim())) {
                    return p;
                }
            }
            throw new ProvisionerChangeException(404, "provisioner with id " + id.trim() + " not found");
        }
        String name = ctx.pathParam("name");
        return registry.get().byName(name)
                .orElseThrow(() -> new ProvisionerChangeException(404, "provisioner " + name + " not found"));
    }

    private void create(Context ctx, AdminIdentity who) {
        JsonNode body = body(ctx);
        boolean proto = LinkedcaProvisioners.isProtoJson(body);
        JsonNode provisioner = proto ? LinkedcaProvisioners.toCaJson(body) : body;
        editor.create(provisioner);
        String name = provisioner.path("name").asText().trim();
        audit.record("provisioner.created", "by", who.subject(), "name", name, "type", provisioner.path("type").asText());
        respond(ctx, 201, proto, name);
    }

    private void respond(Context ctx, int status, boolean proto, String name) {
        ObjectNode json = registry.get().byName(name).orElseThrow().json();
        JsonResponses.send(ctx, status, proto ? LinkedcaProvisioners.toProtoJson(json) : json);
    }

    private void update(Context ctx, AdminIdentity who) {
        String name = ctx.pathParam("name");
        JsonNode body = body(ctx);
        boolean proto = LinkedcaProvisioners.isProtoJson(body);
        if (proto) {
            Provisioner current = registry.get().byName(name)
                    .orElseThrow(() -> new ProvisionerChangeException(404, "provisioner " + name + " not found"));
            ImmutableFields.check(body, current);
            body = LinkedcaProvisioners.toCaJson(body, current.json());
        }
        String newName = body.path("name").asText("").trim();
        if (!newName.equals(name) && superAdminsOnlyIn(name)) {
            throw new ProvisionerChangeException(400, "provisioner " + name + " cannot be renamed: the last"
                    + " super-admins belong to it");
        }
        editor.update(name, body);
        audit.record("provisioner.updated", "by", who.subject(), "name", name, "newName", newName,
                "type", body.path("type").asText());
        respond(ctx, 200, proto, newName);
    }

    private void delete(Context ctx, AdminIdentity who) {
        String name = addressed(ctx).name();
        if (superAdminsOnlyIn(name)) {
            throw new ProvisionerChangeException(400, "provisioner " + name + " cannot be deleted: the last"
                    + " super-admins belong to it; add a super-admin on another provisioner first");
        }
        editor.delete(name);
        audit.record("provisioner.deleted", "by", who.subject(), "name", name);
        JsonResponses.send(ctx, 200, Map.of("status", "ok"));
    }

    /** True when every super-admin is bound to {@code provisioner} (admins are few; paged anyway). */
    private boolean superAdminsOnlyIn(String provisioner) {
        String cursor = "";
        boolean any = false;
        do {
            Page<AdminRecord> page = admins.list(new PageRequest(cursor, 100));
            for (AdminRecord a : page.items()) {
                if (a.type() == AdminRecord.Type.SUPER_ADMIN) {
                    if (!a.provisioner().equals(provisioner)) {
                        return false;
                    }
                    any = true;
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null && !cursor.isEmpty());
        return any;
    }

    private static JsonNode body(Context ctx) {
        try {
            JsonNode n = JsonResponses.mapper().readTree(ctx.body());
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("the body must be a provisioner as a JSON object (linkedca protojson"
                        + " or ca.json form)");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not valid JSON");
        }
    }
}
