package dev.stile.server.http.admin;

import dev.stile.admin.AdminSession;
import dev.stile.server.http.StepErrors;
import dev.stile.server.http.admin.session.AdminSessions;
import dev.stile.core.PageRequest;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every admin route shares: authentication before the handler, paging parameters, and
 * step-ca's error bodies (a refused {@link ProvisionerChangeException} answers with its status). Handlers get the {@link AdminIdentity} of the caller.
 */
public final class AdminRequests {

    /** The console's session cookie: {@code __Host-} pins it to this origin, path / and Secure. */
    public static final String COOKIE = "__Host-stile-admin";
    /** The header the console sends its CSRF token in on every state change. */
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private static final Logger LOG = LoggerFactory.getLogger(AdminRequests.class);

    /** A handler that runs only for an authenticated admin. */
    @FunctionalInterface
    public interface AdminHandler {
        void handle(Context ctx, AdminIdentity who) throws Exception;
    }

    private final AdminAuthenticator authenticator;

    public AdminRequests(AdminAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    public Handler authenticated(AdminHandler handler) {
        return ctx -> {
            AdminIdentity who;
            try {
                who = identify(ctx);
            } catch (AdminAuthException e) {
                LOG.warn("admin {} {} refused: {}", ctx.method(), ctx.path(), e.getMessage());
                StepErrors.send(ctx, e.status(), e.status() == 401 ? null : e.getMessage());
                return;
            }
            try {
                handler.handle(ctx, who);
            } catch (ProvisionerChangeException e) {
                StepErrors.send(ctx, e.status(), e.getMessage());
            } catch (IllegalArgumentException e) {
                StepErrors.badRequest(ctx, e.getMessage());
            }
        };
    }

    /**
     * Who is calling: an admin session secret or an x5c token in {@code Authorization}, or the
     * console's cookie. A cookie alone authorises no state change: those also need the session's
     * CSRF token in {@value #CSRF_HEADER} (SameSite=Strict is the second line of defence).
     */
    private AdminIdentity identify(Context ctx) {
        String authorization = ctx.header("Authorization");
        AdminSessions sessions = authenticator.sessions();
        if (sessions != null) {
            String credential = authorization == null ? null : authorization.trim();
            if (credential != null && credential.regionMatches(true, 0, "Bearer ", 0, 7)) {
                credential = credential.substring(7).trim();
            }
            if (AdminSessions.isSessionSecret(credential)) {
                return fromSession(sessions, credential, false, ctx);
            }
            String cookie = ctx.cookie(COOKIE);
            if ((authorization == null || authorization.isBlank()) && cookie != null) {
                return fromSession(sessions, cookie, true, ctx);
            }
        }
        return authenticator.authenticate(authorization, ctx.path());
    }

    private static AdminIdentity fromSession(AdminSessions sessions, String secret, boolean cookie, Context ctx) {
        AdminSessions.Verified v = sessions.verify(secret)
                .orElseThrow(() -> new AdminAuthException(401, "admin session is unknown, expired or logged out"));
        if (cookie) {
            if (!AdminSession.CONSOLE.equals(v.session().kind())) {
                throw new AdminAuthException(401, "the session cookie does not hold a console session");
            }
            String method = ctx.method().name();
            boolean safe = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
            if (!safe && !AdminSessions.csrfMatches(v.session(), ctx.header(CSRF_HEADER))) {
                throw new AdminAuthException(403, "state change refused: missing or wrong " + CSRF_HEADER
                        + " header (reload the console)");
            }
        }
        return new AdminIdentity(v.admin(), v.admin().subject(), null, v.session());
    }

    /** {@code ?cursor=&limit=}; a limit that is not a number is a 400, a large one is capped. */
    public static PageRequest page(Context ctx) {
        String limit = ctx.queryParam("limit");
        int n = 0;
        if (limit != null && !limit.isBlank()) {
            try {
                n = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("limit \"" + limit + "\" is not a number");
            }
        }
        return new PageRequest(ctx.queryParam("cursor"), n);
    }
}
