package dev.stile.server.http.admin.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.admin.AdminRecord;
import dev.stile.admin.AdminSession;
import dev.stile.core.GoDuration;
import dev.stile.server.http.JsonResponses;
import dev.stile.server.http.RouteModule;
import dev.stile.server.http.StepErrors;
import dev.stile.server.http.admin.AdminAuthenticator;
import dev.stile.server.http.admin.AdminIdentity;
import dev.stile.server.http.admin.AdminRequests;
import dev.stile.core.Page;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /admin/sessions}: {@code stile admin login} trades one x5c admin token for a session;
 * {@code /admin/console-links} makes the one-time sign-in link of {@code stile admin console-url};
 * {@code /admin/whoami} tells the console who it is and its CSRF token. A session cannot create
 * another session, so a stolen one ends when it expires.
 */
public final class SessionRoutes implements RouteModule {

    public static final String LOGIN_PATH = "/admin/console/login";

    private final AdminRequests requests;
    private final AdminSessions sessions;

    public SessionRoutes(AdminAuthenticator authenticator, AdminSessions sessions) {
        this.requests = new AdminRequests(authenticator);
        this.sessions = sessions;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/admin/sessions", requests.authenticated(this::create));
        routes.get("/admin/sessions", requests.authenticated(this::list));
        routes.delete("/admin/sessions/{id}", requests.authenticated(this::revoke));
        routes.post("/admin/console-links", requests.authenticated(this::link));
        routes.get("/admin/whoami", requests.authenticated(this::whoami));
    }

    private void create(Context ctx, AdminIdentity who) throws Exception {
        if (who.viaSession()) {
            StepErrors.forbidden(ctx, "a session cannot open another session; log in again with the provisioner's password");
            return;
        }
        Duration ttl = AdminSessions.CLI_DEFAULT_TTL;
        if (!ctx.body().isBlank()) {
            JsonNode body;
            try {
                body = JsonResponses.mapper().readTree(ctx.body());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("the body is not valid JSON");
            }
            String text = body.path("ttl").asText("");
            if (!text.isBlank()) {
                try {
                    ttl = GoDuration.parse(text.trim());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("ttl \"" + text + "\" is not a duration such as 1h");
                }
            }
        }
        AdminSessions.Issued issued = sessions.createCli(who.admin(), ttl, "x5c certificate " + who.serial());
        Map<String, Object> body = json(issued.session(), who.admin());
        body.put("token", issued.secret());
        JsonResponses.send(ctx, 201, body);
    }

    private void link(Context ctx, AdminIdentity who) {
        AdminSessions.Issued issued = sessions.createLink(who.admin(), who.viaSession()
                ? "session " + who.session().id() : "x5c certificate " + who.serial());
        String path = LOGIN_PATH + "?token=" + issued.secret();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("path", path);
        body.put("url", "https://" + ctx.host() + path);
        body.put("expiresAt", issued.session().expiresAt().toString());
        JsonResponses.send(ctx, 201, body);
    }

    private void list(Context ctx, AdminIdentity who) {
        Page<AdminSession> page = sessions.listLive(AdminRequests.page(ctx));
        List<Object> items = new ArrayList<>();
        page.items().forEach(s -> {
            Map<String, Object> m = json(s, null);
            m.put("current", who.viaSession() && who.session().id().equals(s.id()));
            items.add(m);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sessions", items);
        body.put("nextCursor", page.nextCursor());
        JsonResponses.send(ctx, 200, body);
    }

    /** {@code DELETE /admin/sessions/current} is logout; another id needs its owner or a super-admin. */
    private void revoke(Context ctx, AdminIdentity who) {
        String id = ctx.pathParam("id");
        if (id.equals("current")) {
            if (!who.viaSession()) {
                throw new IllegalArgumentException("there is no current session: the request carried an x5c token");
            }
            id = who.session().id();
        }
        AdminSession target = sessions.find(id).orElse(null);
        if (target == null) {
            StepErrors.notFound(ctx, "session " + id + " not found");
            return;
        }
        if (!target.adminId().equals(who.admin().id()) && who.admin().type() != AdminRecord.Type.SUPER_ADMIN) {
            StepErrors.forbidden(ctx, "only a super-admin may end another admin's session");
            return;
        }
        boolean revoked = sessions.revoke(id, who.subject());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("status", revoked ? "revoked" : "already ended");
        JsonResponses.send(ctx, 200, body);
    }

    private void whoami(Context ctx, AdminIdentity who) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", who.subject());
        body.put("provisioner", who.admin().provisioner());
        body.put("type", who.admin().type().name());
        if (who.viaSession()) {
            body.put("session", who.session().id());
            body.put("expiresAt", who.session().expiresAt().toString());
            if (who.session().csrfToken() != null) {
                body.put("csrfToken", who.session().csrfToken());
            }
        }
        ctx.header("Cache-Control", "no-store");
        JsonResponses.send(ctx, 200, body);
    }

    private static Map<String, Object> json(AdminSession s, AdminRecord admin) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("kind", s.kind());
        m.put("subject", s.subject());
        if (admin != null) {
            m.put("type", admin.type().name());
        }
        m.put("createdAt", s.createdAt().toString());
        m.put("expiresAt", s.expiresAt().toString());
        return m;
    }
}
