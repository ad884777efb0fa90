package dev.stile.server.http.admin.console;

import dev.stile.server.ops.AuditLog;
import dev.stile.server.http.admin.AdminRequests;
import dev.stile.server.http.admin.session.AdminSessions;
import dev.stile.server.http.admin.session.SessionRoutes;
import dev.stile.server.http.RouteModule;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/**
 * The admin console's pages on the HTTPS listener: one HTML shell with its script and style from
 * the jar ({@code /console/}), no CDN and no fonts from elsewhere. Sign-in is by a one-time link
 * ({@code /admin/console/login?token=}) that becomes an HttpOnly, Secure, SameSite=Strict session
 * cookie; the data comes from the JSON admin routes, which accept that cookie plus the CSRF header.
 */
public final class ConsoleRoutes implements RouteModule {

    static final String BASE = "/admin/console/";
    /** The files the console consists of, with their content types; anything else is a 404. */
    private static final Map<String, String> ASSETS = Map.of(
            "console.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8",
            "favicon.svg", "image/svg+xml");
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private final AdminSessions sessions;
    private final PasswordLogin passwordLogin;
    private final AuditLog audit;

    public ConsoleRoutes(AdminSessions sessions, PasswordLogin passwordLogin, AuditLog audit) {
        this.sessions = sessions;
        this.passwordLogin = passwordLogin;
        this.audit = audit;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(BASE, ctx -> page(ctx, 200, resource("index.html")));
        routes.get(BASE + "assets/{file}", this::asset);
        routes.get(SessionRoutes.LOGIN_PATH, this::redeem);
        routes.post(SessionRoutes.LOGIN_PATH, this::password);
        routes.post(BASE + "logout", this::logout);
    }

    private void asset(Context ctx) throws IOException {
        String file = ctx.pathParam("file");
        String type = ASSETS.get(file);
        if (type == null) {
            ctx.status(404).result("not found");
            return;
        }
        secure(ctx);
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(type).result(resourceBytes(file));
    }

    /** The sign-in link: single use, at most 5 minutes old; then the session cookie. */
    private void redeem(Context ctx) throws IOException {
        String token = ctx.queryParam("token");
        Optional<AdminSessions.Issued> issued = token == null ? Optional.empty() : sessions.redeemLink(token);
        if (issued.isEmpty()) {
            page(ctx, 401, message("Sign-in link refused",
                    "This sign-in link was already used, has expired (links last 5 minutes) or was never issued. "
                            + "Run <code>stile admin console-url</code> again for a new one."));
            return;
        }
        signIn(ctx, issued.get());
    }

    /** The password form on the signed-out page, rate-limited by {@link PasswordLogin}. */
    private void password(Context ctx) throws IOException {
        PasswordLogin.Result result = passwordLogin.attempt(ctx.ip(), ctx.formParam("provisioner"),
                ctx.formParam("subject"), ctx.formParam("password"));
        if (result.issued() == null) {
            page(ctx, result.status(), message("Sign-in refused", Html.escape(result.message())
                    + " <a href=\"" + BASE + "\">Back</a>"));
            return;
        }
        signIn(ctx, result.issued());
    }

    private void signIn(Context ctx, AdminSessions.Issued issued) throws IOException {
        long maxAge = AdminSessions.CONSOLE_TTL.toSeconds();
        ctx.header("Set-Cookie", AdminRequests.COOKIE + "=" + issued.secret() + "; Path=/; Max-Age=" + maxAge
                + "; Secure; HttpOnly; SameSite=Strict");
        // A page from our own origin continues to the console, so the Strict cookie is sent even
        // when the link was opened from another site (a redirect would keep the cross-site origin).
        page(ctx, 200, resource("signed-in.html").replace("{{subject}}", Html.escape(issued.session().subject())));
    }

    private void logout(Context ctx) throws IOException {
        String cookie = ctx.cookie(AdminRequests.COOKIE);
        Optional<AdminSessions.Verified> session = cookie == null ? Optional.empty() : sessions.verify(cookie);
        if (session.isEmpty()) {
            clearCookie(ctx);
            page(ctx, 200, message("Signed out", "You are signed out. <a href=\"" + BASE + "\">Sign in</a>"));
            return;
        }
        String sent = ctx.formParam("csrf");
        if (sent == null) {
            sent = ctx.header(AdminRequests.CSRF_HEADER);
        }
        if (!AdminSessions.csrfMatches(session.get().session(), sent)) {
            audit.record("admin.logout.refused", "subject", session.get().admin().subject(), "reason", "CSRF token missing");
            page(ctx, 403, message("Sign-out refused", "The request did not carry this page's CSRF token. "
                    + "<a href=\"" + BASE + "\">Back to the console</a>"));
            return;
        }
        sessions.revoke(session.get().session().id(), session.get().admin().subject());
        clearCookie(ctx);
        page(ctx, 200, message("Signed out", "You are signed out; the session is revoked. <a href=\"" + BASE
                + "\">Sign in again</a>"));
    }

    private static void clearCookie(Context ctx) {
        ctx.header("Set-Cookie", AdminRequests.COOKIE + "=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Strict");
    }

    private static String message(String title, String html) throws IOException {
        return resource("message.html").replace("{{title}}", Html.escape(title)).replace("{{message}}", html);
    }

    private static void page(Context ctx, int status, String html) {
        secure(ctx);
        ctx.header("Cache-Control", "no-store");
        ctx.status(status).contentType("text/html; charset=utf-8").result(html);
    }

    private static void secure(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
    }

    private static String resource(String name) throws IOException {
        return new String(resourceBytes(name), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] resourceBytes(String name) throws IOException {
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream("/console/" + name)) {
            if (in == null) {
                throw new IOException("console resource " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        }
    }
}
