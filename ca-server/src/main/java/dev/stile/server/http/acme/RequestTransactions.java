package dev.stile.server.http.acme;

/**
 * Runs an ACME request's store calls as one database transaction (issue 13: one commit per
 * request instead of one per statement). Committed when the request returns or is refused with an
 * {@link dev.stile.acme.problem.AcmeException} (what led to the refusal stays recorded, e.g. an
 * order made invalid, as before), rolled back on anything unexpected. {@link #NONE} runs the
 * request as it is, each statement on its own (tests with in-memory stores).
 */
@FunctionalInterface
public interface RequestTransactions {

    RequestTransactions NONE = Runnable::run;

    void inOne(Runnable request);
}
