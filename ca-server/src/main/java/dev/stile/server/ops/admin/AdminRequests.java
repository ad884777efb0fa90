package dev.stile.server.ops.admin;

import dev.stile.server.http.StepErrors;
import dev.stile.store.PageRequest;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every admin route shares: authentication before the handler, paging parameters, and
 * step-ca's error bodies (a refused {@link ProvisionerChangeException} answers with its status). Handlers get the {@link AdminIdentity} of the caller.
 */
final class AdminRequests {

    private static final Logger LOG = LoggerFactory.getLogger(AdminRequests.class);

    /** A handler that runs only for an authenticated admin. */
    @FunctionalInterface
    interface AdminHandler {
        void handle(Context ctx, AdminIdentity who) throws Exception;
    }

    private final AdminAuthenticator authenticator;

    AdminRequests(AdminAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    Handler authenticated(AdminHandler handler) {
        return ctx -> {
            AdminIdentity who;
            try {
                who = authenticator.authenticate(ctx.header("Authorization"), ctx.path());
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

    /** {@code ?cursor=&limit=}; a limit that is not a number is a 400, a large one is capped. */
    static PageRequest page(Context ctx) {
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
