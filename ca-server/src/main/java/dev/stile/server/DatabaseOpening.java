package dev.stile.server;

import dev.stile.db.Database;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A database being opened on its own thread ({@code stile-db-open}) while start-up goes on, so
 * that opening H2's file and checking the schema overlaps reading and decrypting the keys.
 * {@link #await} hands over the database or rethrows the opening's own exception unchanged (the
 * one-line {@link StartupException} an operator reads); {@link #abandon} closes it when start-up
 * fails before it was needed, so no file lock or pool outlives a failed start.
 */
final class DatabaseOpening {

    private final CompletableFuture<Database> future = new CompletableFuture<>();

    private DatabaseOpening() {
    }

    static DatabaseOpening start(Supplier<Database> open) {
        DatabaseOpening opening = new DatabaseOpening();
        Thread thread = new Thread(() -> {
            try {
                opening.future.complete(open.get());
            } catch (Throwable e) {
                opening.future.completeExceptionally(e);
            }
        }, "stile-db-open");
        thread.setDaemon(true);
        thread.start();
        return opening;
    }

    /** Waits for the database; rethrows what opening it threw. */
    Database await() {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new StartupException("cannot open the database: " + cause, cause);
        }
    }

    /**
     * Start-up failed before the database was used: waits for the opening to end and closes the
     * database if it opened, so that the next start (or test) finds its file unlocked.
     */
    void abandon() {
        try {
            future.join().close();
        } catch (CompletionException e) {
            // It did not open: nothing to close; the start-up's own failure is the one reported.
        }
    }
}
