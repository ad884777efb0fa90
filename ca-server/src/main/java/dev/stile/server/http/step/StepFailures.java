package dev.stile.server.http.step;

import dev.stile.server.http.DatabaseOutage;
import dev.stile.server.http.StepErrors;
import dev.stile.step.StepErrorKind;
import dev.stile.step.StepException;
import dev.stile.step.wire.StepWire;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the step use cases' failures into step-ca's {@code {"status","message"}} answers (the one
 * place a {@link StepErrorKind} becomes an HTTP status, through {@link StepWire#error}), and logs
 * the exact reason of each (which the client never sees for 401s).
 */
final class StepFailures {

    private static final Logger LOG = LoggerFactory.getLogger("dev.stile.step");

    private StepFailures() {
    }

    /** Runs a handler body, answering its failures the way step-ca does. */
    static void handle(Context ctx, String what, Body body) {
        try {
            body.run();
        } catch (StepException e) {
            StepWire.Error answer = StepWire.error(e);
            if (DatabaseOutage.causedBy(e)) {
                LOG.warn("{} failed: {}", what, DatabaseOutage.logLine(ctx, e));
                DatabaseOutage.answerStep(ctx);
                return;
            }
            if (e.kind() == StepErrorKind.INTERNAL) {
                LOG.error("{} failed: {}", what, e.reason(), e.getCause() == null ? e : e.getCause());
            } else {
                LOG.warn("{} refused ({}): {}", what, answer.status(), e.reason());
            }
            StepErrors.send(ctx, answer);
        }
    }

    /**
     * Runs a handler body whose refusals are routine lookups (an unknown kid, a disabled CRL, a bad
     * page limit): answered as step-ca does, without a log line per request.
     */
    static void handleQuietly(Context ctx, Body body) {
        try {
            body.run();
        } catch (StepException e) {
            StepErrors.send(ctx, StepWire.error(e));
        }
    }

    /** A handler body. */
    interface Body {
        void run();
    }
}
