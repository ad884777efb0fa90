package dev.stile.server;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one scheduler of a running server. Every periodic chore (order reconciliation, nonce, token
 * and rate-bucket purges, the ca.json watch, retention, TLS renewal, the database probe) is
 * scheduled on it; components cancel their own tasks when they close, and only {@link App} shuts
 * it down, after everything that schedules on it has stopped and before the database closes, so
 * no chore runs against a closed pool.
 *
 * <p>A few threads rather than one: a slow chore (a retention backlog, a purge waiting for the
 * pool during a database outage) must not hold up the 250 ms database probe, whose answer
 * {@code /ready} trusts for one second only. Before, each component had a thread of its own (five).
 */
final class Chores implements AutoCloseable {

    static final int THREADS = 4;
    private static final long STOP_WAIT_SECONDS = 5;

    private final ScheduledThreadPoolExecutor executor;

    Chores() {
        AtomicInteger n = new AtomicInteger();
        executor = new ScheduledThreadPoolExecutor(THREADS, r -> {
            Thread t = new Thread(r, "stile-chores-" + n.incrementAndGet());
            t.setDaemon(true); // never keeps the JVM alive; App.stop still ends every chore first
            return t;
        });
        executor.setRemoveOnCancelPolicy(true); // cancelled periodic tasks leave the queue at once
    }

    ScheduledExecutorService scheduler() {
        return executor;
    }

    /** Interrupts running chores and waits for them (a retention batch, a probe check) to end. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
