package dev.stile.server.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.admin.AdminRecord;
import dev.stile.admin.AdminStore;
import dev.stile.server.http.JsonResponses;
import dev.stile.server.http.RouteModule;
import dev.stile.server.http.StepErrors;
import dev.stile.server.ops.AuditLog;
import dev.stile.server.http.admin.linkedca.LinkedcaProvisioners;
import dev.stile.core.Page;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /admin/admins}: list, get, create, change type, delete (step-ca-api.md 7.3). Changes need
 * a SUPER_ADMIN; the last super-admin cannot be removed or demoted, so nobody locks themselves out.
 */
public final class AdminsRoutes implements RouteModule {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final AdminRequests requests;
    private final AdminStore admins;
    private final Supplier<Set<String>> provisionerNames;
    private final AuditLog audit;
    private final Clock clock;

    /**
     * @param provisionerNames the names admins may be bound to (the current provisioner snapshot)
     */
    public AdminsRoutes(AdminAuthenticator authenticator, AdminStore admins, Supplier<Set<String>> provisionerNames,
                        AuditLog audit, Clock clock) {
        this.requests = new AdminRequests(authenticator);
        this.admins = admins;
        this.provisionerNames = provisionerNames;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/admin/admins", requests.authenticated(this::list));
        routes.get("/admin/admins/{id}", requests.authenticated(this::get));
        routes.post("/admin/admins", requests.authenticated(superAdmin(this::create)));
        routes.patch("/admin/admins/{id}", requests.authenticated(superAdmin(this::update)));
        routes.delete("/admin/admins/{id}", requests.authenticated(superAdmin(this::delete)));
    }

    private static AdminRequests.AdminHandler superAdmin(AdminRequests.AdminHandler handler) {
        return (ctx, who) -> {
            if (who.admin().type() != AdminRecord.Type.SUPER_ADMIN) {
                StepErrors.send(ctx, 403, "only a super-admin may change admins; " + who.subject() + " is an ADMIN");
                return;
            }
            handler.handle(ctx, who);
        };
    }

    private void list(Context ctx, AdminIdentity who) {
        Page<AdminRecord> page = admins.list(AdminRequests.page(ctx));
        List<Object> items = new ArrayList<>();
        page.items().forEach(a -> items.add(AdminJson.go(a)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("admins", items);
        body.put("nextCursor", page.nextCursor());
        JsonResponses.send(ctx, 200, body);
    }

    private void get(Context ctx, AdminIdentity who) {
        Optional<AdminRecord> admin = admins.find(ctx.pathParam("id"));
        if (admin.isEmpty()) {
            StepErrors.notFound(ctx, "admin " + ctx.pathParam("id") + " not found");
            return;
        }
        JsonResponses.send(ctx, 200, AdminJson.proto(admin.get()));
    }

    private void create(Context ctx, AdminIdentity who) throws IOException {
        JsonNode body = body(ctx);
        String subject = body.path("subject").asText("").trim();
        String provisioner = provisionerName(body.path("provisioner").asText("").trim());
        if (subject.isEmpty()) {
            throw new IllegalArgumentException("subject is required");
        }
        if (!provisionerNames.get().contains(provisioner)) {
            throw new IllegalArgumentException("provisioner \"" + provisioner + "\" does not exist");
        }
        AdminRecord.Type type = AdminRecord.Type.parse(body.path("type").asText("1"));
        AdminRecord admin = new AdminRecord(newId(), subject, provisioner, type, clock.instant());
        if (!admins.insert(admin)) {
            StepErrors.send(ctx, 409, "admin " + subject + " already exists for provisioner " + provisioner);
            return;
        }
        audit.record("admin.created", "by", who.subject(), "id", admin.id(), "subject", subject,
                "provisioner", provisioner, "type", type.name());
        JsonResponses.send(ctx, 201, AdminJson.proto(admin));
    }

    private void update(Context ctx, AdminIdentity who) throws IOException {
        String id = ctx.pathParam("id");
        Optional<AdminRecord> existing = admins.find(id);
        if (existing.isEmpty()) {
            StepErrors.notFound(ctx, "admin " + id + " not found");
            return;
        }
        AdminRecord.Type type = AdminRecord.Type.parse(body(ctx).path("type").asText(""));
        if (type != AdminRecord.Type.SUPER_ADMIN && existing.get().type() == AdminRecord.Type.SUPER_ADMIN
                && admins.countSuperAdmins() <= 1) {
            throw new IllegalArgumentException("admin " + existing.get().subject() + " is the last super-admin");
        }
        admins.updateType(id, type);
        audit.record("admin.updated", "by", who.subject(), "id", id, "subject", existing.get().subject(),
                "type", type.name());
        JsonResponses.send(ctx, 200, AdminJson.proto(admins.find(id).orElseThrow()));
    }

    private void delete(Context ctx, AdminIdentity who) {
        String id = ctx.pathParam("id");
        Optional<AdminRecord> existing = admins.find(id);
        if (existing.isEmpty()) {
            StepErrors.notFound(ctx, "admin " + id + " not found");
            return;
        }
        if (existing.get().type() == AdminRecord.Type.SUPER_ADMIN && admins.countSuperAdmins() <= 1) {
            throw new IllegalArgumentException("admin " + existing.get().subject() + " is the last super-admin");
        }
        admins.delete(id);
        audit.record("admin.deleted", "by", who.subject(), "id", id, "subject", existing.get().subject());
        JsonResponses.send(ctx, 200, Map.of("status", "ok"));
    }

    /** step sends the provisioner's name; a linkedca id (what admin records show) is accepted too. */
    private String provisionerName(String nameOrId) {
        for (String name : provisionerNames.get()) {
            if (LinkedcaProvisioners.idOf(name).equals(nameOrId)) {
                return name;
            }
        }
        return nameOrId;
    }

    private static JsonNode body(Context ctx) throws IOException {
        try {
            JsonNode n = JsonResponses.mapper().readTree(ctx.body());
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("the body must be a JSON object");
            }
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not valid JSON");
        }
    }

    static String newId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
