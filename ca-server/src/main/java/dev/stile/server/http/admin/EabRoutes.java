package dev.stile.server.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.admin.EabKeyAdmin;
import dev.stile.provisioners.AcmeProvisioner;
import dev.stile.provisioners.ProvisionerRegistry;
import dev.stile.server.http.JsonResponses;
import dev.stile.server.http.RouteModule;
import dev.stile.server.http.StepErrors;
import dev.stile.server.ops.AuditLog;
import dev.stile.core.Page;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * ACME External Account Binding keys per provisioner (step-ca-api.md 7.3). Open-source step-ca
 * answers 501 here; Stile mints keys, so {@code requireEAB} is usable. As in step-ca, the
 * provisioner must be ACME with {@code requireEAB} (400 otherwise). The HMAC key is shown once,
 * in the answer to POST; listings never repeat it.
 */
public final class EabRoutes implements RouteModule {

    private static final int MAX_REFERENCE = 256;

    private final AdminRequests requests;
    private final EabKeyAdmin keys;
    private final Supplier<ProvisionerRegistry> provisioners;
    private final AuditLog audit;
    private final Clock clock;

    public EabRoutes(AdminAuthenticator authenticator, EabKeyAdmin keys, Supplier<ProvisionerRegistry> provisioners,
                     AuditLog audit, Clock clock) {
        this.requests = new AdminRequests(authenticator);
        this.keys = keys;
        this.provisioners = provisioners;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/admin/acme/eab/{provisioner}", requests.authenticated((ctx, who) -> list(ctx, null)));
        routes.get("/admin/acme/eab/{provisioner}/{reference}",
                requests.authenticated((ctx, who) -> list(ctx, ctx.pathParam("reference"))));
        routes.post("/admin/acme/eab/{provisioner}", requests.authenticated(this::create));
        routes.delete("/admin/acme/eab/{provisioner}/{id}", requests.authenticated(this::delete));
    }

    /** The provisioner, if it is ACME and requires EAB; otherwise answers 404/400 and returns empty. */
    private Optional<String> eabProvisioner(Context ctx) {
        String name = ctx.pathParam("provisioner");
        ProvisionerRegistry registry = provisioners.get();
        if (registry.byName(name).isEmpty()) {
            StepErrors.notFound(ctx, "provisioner " + name + " not found");
            return Optional.empty();
        }
        Optional<AcmeProvisioner> acme = registry.acme(name);
        if (acme.isEmpty() || !acme.get().requireEab()) {
            StepErrors.badRequest(ctx, "ACME EAB not enabled for provisioner " + name
                    + " (it must be an ACME provisioner with \"requireEAB\": true)");
            return Optional.empty();
        }
        return Optional.of(name);
    }

    private void list(Context ctx, String reference) {
        Optional<String> provisioner = eabProvisioner(ctx);
        if (provisioner.isEmpty()) {
            return;
        }
        Page<EabKeyAdmin.Row> page = keys.list(provisioner.get(), reference, AdminRequests.page(ctx));
        List<Object> items = new ArrayList<>();
        page.items().forEach(k -> items.add(go(k)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eaks", items);
        body.put("nextCursor", page.nextCursor());
        JsonResponses.send(ctx, 200, body);
    }

    private void create(Context ctx, AdminIdentity who) throws Exception {
        Optional<String> provisioner = eabProvisioner(ctx);
        if (provisioner.isEmpty()) {
            return;
        }
        String reference = "";
        if (!ctx.body().isBlank()) {
            JsonNode body;
            try {
                body = JsonResponses.mapper().readTree(ctx.body());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("the body is not valid JSON");
            }
            reference = body.path("reference").asText("");
        }
        if (reference.length() > MAX_REFERENCE) {
            throw new IllegalArgumentException("reference is longer than " + MAX_REFERENCE + " characters");
        }
        if (!reference.isEmpty() && !keys.list(provisioner.get(), reference,
                new dev.stile.core.PageRequest("", 1)).items().isEmpty()) {
            StepErrors.send(ctx, 409, "an ACME EAB key for provisioner " + provisioner.get() + " with reference "
                    + reference + " already exists");
            return;
        }
        EabKeyAdmin.Row key = keys.create(provisioner.get(), reference, clock.instant());
        audit.record("eab.created", "by", who.subject(), "provisioner", provisioner.get(), "keyId", key.keyId(),
                "reference", reference);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", key.keyId());
        m.put("hmacKey", Base64.getEncoder().encodeToString(key.hmacKey()));
        m.put("provisioner", key.provisioner());
        m.put("reference", key.reference());
        m.put("createdAt", key.createdAt().toString());
        JsonResponses.send(ctx, 201, m);
    }

    private void delete(Context ctx, AdminIdentity who) {
        Optional<String> provisioner = eabProvisioner(ctx);
        if (provisioner.isEmpty()) {
            return;
        }
        String id = ctx.pathParam("id");
        if (!keys.delete(provisioner.get(), id)) {
            StepErrors.notFound(ctx, "ACME EAB key " + id + " not found for provisioner " + provisioner.get());
            return;
        }
        audit.record("eab.deleted", "by", who.subject(), "provisioner", provisioner.get(), "keyId", id);
        JsonResponses.send(ctx, 200, Map.of("status", "ok"));
    }

    /** Go JSON of linkedca.EABKey as the step CLI decodes lists; the HMAC key is left out. */
    private static Map<String, Object> go(EabKeyAdmin.Row k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", k.keyId());
        m.put("provisioner", k.provisioner());
        m.put("reference", k.reference());
        if (k.boundAccountId() != null) {
            m.put("account", k.boundAccountId());
        }
        m.put("created_at", seconds(k.createdAt()));
        if (k.boundAt() != null) {
            m.put("bound_at", seconds(k.boundAt()));
        }
        return m;
    }

    private static Map<String, Object> seconds(Instant t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seconds", t.getEpochSecond());
        if (t.getNano() != 0) {
            m.put("nanos", t.getNano());
        }
        return m;
    }
}
