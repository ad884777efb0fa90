package dev.stile.server.http.step;

import dev.stile.provisioners.AuthorizationException;
import dev.stile.provisioners.StepMessages;
import dev.stile.authority.AuthorityException;
import dev.stile.server.http.DatabaseOutage;
import dev.stile.server.http.StepErrors;
import dev.stile.step.StepRevoker;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the step API's failures into step-ca's {@code {"status","message"}} answers, and logs the
 * exact reason of each (which the client never sees for 401s).
 */
final class StepFailures {

    private static final Logger LOG = LoggerFactory.getLogger("dev.stile.step");

    private StepFailures() {
    }

    /** Runs a handler body, answering its failures the way step-ca does. */
    static void handle(Context ctx, String what, Body body) {
        try {
            body.run();
        } catch (AuthorizationException e) {
            LOG.warn("{} refused ({}): {}", what, e.status(), e.reason());
            StepErrors.send(ctx, e.status(), e.stepMessage());
        } catch (AuthorityException e) {
            if (DatabaseOutage.causedBy(e)) {
                LOG.warn("{} failed: {}", what, DatabaseOutage.logLine(ctx, e));
                DatabaseOutage.answerStep(ctx);
            } else if (e.httpStatus() == 500) {
                LOG.error("{} failed: {}", what, e.getMessage(), e);
                StepErrors.internal(ctx);
            } else {
                LOG.warn("{} refused ({}): {}", what, e.httpStatus(), e.getMessage());
                if (e.httpStatus() == 403) {
                    StepErrors.forbidden(ctx, stripPeriod(e.getMessage()));
                } else {
                    StepErrors.badRequest(ctx, stripPeriod(e.getMessage()));
                }
            }
        } catch (StepRevoker.RevokeException e) {
            LOG.warn("{} refused ({}): {}", what, e.status(), e.getMessage());
            StepErrors.send(ctx, e.status(), e.status() == 501 ? StepMessages.defaultMessage(501) : e.getMessage());
        } catch (BadBody e) {
            LOG.warn("{} refused (400): {}", what, e.getMessage());
            StepErrors.badRequest(ctx, e.getMessage());
        }
    }

    private static String stripPeriod(String s) {
        return s != null && s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** A handler body. */
    interface Body {
        void run();
    }

    /** The request body is not the JSON it should be. */
    static final class BadBody extends RuntimeException {
        BadBody(String message) {
            super(message);
        }
    }
}
