package dev.stile.server.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Whether this instance should receive traffic: the database answers and the signing key is
 * loaded. Liveness ({@code /health}) only says the process serves HTTP; readiness failing takes a
 * replica out of the load balancer without restarting it.
 */
public final class Readiness {

    private final BooleanSupplier databaseAnswers;
    private final BooleanSupplier signingKeyLoaded;

    public Readiness(BooleanSupplier databaseAnswers, BooleanSupplier signingKeyLoaded) {
        this.databaseAnswers = databaseAnswers;
        this.signingKeyLoaded = signingKeyLoaded;
    }

    /** What is wrong, one sentence each; empty when ready. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!databaseAnswers.getAsBoolean()) {
            problems.add("the database does not answer");
        }
        if (!signingKeyLoaded.getAsBoolean()) {
            problems.add("the signing key is not loaded");
        }
        return problems;
    }
}
