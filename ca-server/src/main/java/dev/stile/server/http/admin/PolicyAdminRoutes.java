package dev.stile.server.http.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stile.server.http.JsonResponses;
import dev.stile.server.http.RouteModule;
import dev.stile.server.http.StepErrors;
import dev.stile.server.ops.AuditLog;
import dev.stile.server.http.admin.linkedca.LinkedcaPolicies;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.Map;

/**
 * step-ca's policy routes over ca.json: {@code /admin/policy} is {@code authority.policy},
 * {@code /admin/provisioners/{name}/policy} is that provisioner's {@code policy}. Bodies and answers
 * are linkedca.Policy protojson ({@link LinkedcaPolicies}). As in step-ca: POST when a policy exists
 * is 409, GET/PUT/DELETE when none exists is 404, POST answers 201, DELETE {@code {"status":"ok"}}.
 * Changes go through {@link CaJsonProvisioners#edit} (validated, atomic write, immediate reload),
 * so the next /sign or renewal is judged by the new policy. ACME account (EAB key) policies are not
 * implemented: those routes answer 501.
 */
public final class PolicyAdminRoutes implements RouteModule {

    private enum Change { CREATE, UPDATE, DELETE }

    private final AdminRequests requests;
    private final CaJsonProvisioners editor;
    private final AuditLog audit;

    public PolicyAdminRoutes(AdminAuthenticator authenticator, CaJsonProvisioners editor, AuditLog audit) {
        this.requests = new AdminRequests(authenticator);
        this.editor = editor;
        this.audit = audit;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/admin/policy", requests.authenticated(this::getAuthority));
        routes.post("/admin/policy", requests.authenticated((c, w) -> changeAuthority(c, w, Change.CREATE)));
        routes.put("/admin/policy", requests.authenticated((c, w) -> changeAuthority(c, w, Change.UPDATE)));
        routes.delete("/admin/policy", requests.authenticated((c, w) -> changeAuthority(c, w, Change.DELETE)));
        String p = "/admin/provisioners/{name}/policy";
        routes.get(p, requests.authenticated(this::getProvisioner));
        routes.post(p, requests.authenticated((c, w) -> changeProvisioner(c, w, Change.CREATE)));
        routes.put(p, requests.authenticated((c, w) -> changeProvisioner(c, w, Change.UPDATE)));
        routes.delete(p, requests.authenticated((c, w) -> changeProvisioner(c, w, Change.DELETE)));
        for (String acme : new String[] {"/admin/acme/policy/{provisioner}/reference/{reference}",
            "/admin/acme/policy/{provisioner}/key/{keyId}"}) {
            routes.get(acme, requests.authenticated(this::notImplemented));
            routes.post(acme, requests.authenticated(this::notImplemented));
            routes.put(acme, requests.authenticated(this::notImplemented));
            routes.delete(acme, requests.authenticated(this::notImplemented));
        }
    }

    private void notImplemented(Context ctx, AdminIdentity who) {
        StepErrors.send(ctx, 501, "ACME account policies are not implemented by Stile; set a policy on the ACME"
                + " provisioner (/admin/provisioners/{name}/policy) or on the authority (/admin/policy) instead");
    }

    private void getAuthority(Context ctx, AdminIdentity who) {
        JsonNode policy = CaJsonProvisioners.authority(editor.current()).get("policy");
        if (!present(policy)) {
            throw new ProvisionerChangeException(404, "authority policy does not exist");
        }
        JsonResponses.send(ctx, 200, LinkedcaPolicies.toProtoJson(policy));
    }

    private void getProvisioner(Context ctx, AdminIdentity who) {
        String name = ctx.pathParam("name");
        ArrayNode list = CaJsonProvisioners.provisioners(editor.current());
        JsonNode policy = list.get(CaJsonProvisioners.existing(list, name)).get("policy");
        if (!present(policy)) {
            throw new ProvisionerChangeException(404, "provisioner policy does not exist");
        }
        JsonResponses.send(ctx, 200, LinkedcaPolicies.toProtoJson(policy));
    }

    private void changeAuthority(Context ctx, AdminIdentity who, Change change) {
        ObjectNode policy = change == Change.DELETE ? null : LinkedcaPolicies.toCaJson(body(ctx), "policy");
        editor.edit(root -> apply(CaJsonProvisioners.authority(root), policy, change, "authority already has a policy",
                "authority policy does not exist"));
        audit.record("policy." + verb(change), "by", who.subject(), "scope", "authority");
        answer(ctx, change, policy);
    }

    private void changeProvisioner(Context ctx, AdminIdentity who, Change change) {
        String name = ctx.pathParam("name");
        ObjectNode policy = change == Change.DELETE ? null : LinkedcaPolicies.toCaJson(body(ctx), "policy");
        editor.edit(root -> {
            ArrayNode list = CaJsonProvisioners.provisioners(root);
            JsonNode p = list.get(CaJsonProvisioners.existing(list, name));
            if (!p.isObject()) {
                throw new ProvisionerChangeException(400, "provisioner " + name + " in ca.json is not a JSON object");
            }
            apply((ObjectNode) p, policy, change, "provisioner " + name + " already has a policy",
                    "provisioner policy does not exist");
        });
        audit.record("policy." + verb(change), "by", who.subject(), "scope", "provisioner", "name", name);
        answer(ctx, change, policy);
    }

    private static void apply(ObjectNode owner, ObjectNode policy, Change change, String conflict, String missing) {
        boolean exists = present(owner.get("policy"));
        if (change == Change.CREATE && exists) {
            throw new ProvisionerChangeException(409, conflict);
        }
        if (change != Change.CREATE && !exists) {
            throw new ProvisionerChangeException(404, missing);
        }
        if (change == Change.DELETE) {
            owner.remove("policy");
        } else {
            owner.set("policy", policy);
        }
    }

    private static void answer(Context ctx, Change change, ObjectNode policy) {
        if (change == Change.DELETE) {
            JsonResponses.send(ctx, 200, Map.of("status", "ok"));
        } else {
            JsonResponses.send(ctx, change == Change.CREATE ? 201 : 200, LinkedcaPolicies.toProtoJson(policy));
        }
    }

    private static String verb(Change change) {
        return change == Change.CREATE ? "created" : change == Change.UPDATE ? "updated" : "deleted";
    }

    private static boolean present(JsonNode policy) {
        return policy != null && !policy.isNull() && !policy.isMissingNode();
    }

    private static JsonNode body(Context ctx) {
        try {
            JsonNode n = JsonResponses.mapper().readTree(ctx.body());
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("the body must be a linkedca.Policy JSON object, e.g."
                        + " {\"x509\":{\"deny\":{\"dns\":[\"*.internal\"]}}}");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not valid JSON");
        }
    }
}
