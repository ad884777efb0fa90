package dev.stile.server.http;

import io.javalin.http.Context;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a database outage from other failures, so every route answers it the same honest way:
 * 503 with {@code Retry-After} (the client should come back; nothing is wrong with its request)
 * instead of a 500 after a long hang. An outage is a failure caused by the connection itself:
 * no pooled connection within the pool's timeout, or an SQL state of class 08 (connection
 * exception), which both PostgreSQL and H2 report.
 */
public final class DatabaseOutage {

    /** What clients are told to wait; the reachability probe notices a return within a second. */
    public static final int RETRY_AFTER_SECONDS = 5;
    /** The detail clients and the log see. */
    public static final String DETAIL = "the CA cannot reach its database right now; nothing is wrong with the "
            + "request, retry in " + RETRY_AFTER_SECONDS + " seconds";

    private DatabaseOutage() {
    }

    /** True when {@code e} or one of its causes says the database connection failed. */
    public static boolean causedBy(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    /** The step-ca shaped answer: 503, {@code Retry-After}, {@code {"status":503,"message":...}}. */
    public static void answerStep(Context ctx) {
        ctx.header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        StepErrors.send(ctx, 503, "The certificate authority is temporarily unavailable: " + DETAIL + ".");
    }

    /** The log line for an outage answered on {@code ctx}: one sentence, no stack trace. */
    public static String logLine(Context ctx, Throwable e) {
        // The innermost message there is (an EOFException's is null).
        String reason = null;
        int depth = 0;
        for (Throwable t = e; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t.getMessage() != null) {
                reason = t.getMessage();
            }
        }
        return ctx.method() + " " + ctx.path() + " answered 503: the database is unreachable (" + reason + ")";
    }
}
