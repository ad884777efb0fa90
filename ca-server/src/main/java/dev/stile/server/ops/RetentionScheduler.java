package dev.stile.server.ops;

import dev.stile.admin.retention.Retention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs retention on the server's scheduler every {@code interval}, the first run shortly after
 * start so that start-up itself never waits for a backlog. A failed run is logged and counted; the
 * next one tries again.
 */
public final class RetentionScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionScheduler.class);

    private final Retention retention;
    private final StileMetrics metrics;
    private final ScheduledExecutorService executor;
    private ScheduledFuture<?> runs;

    /** @param executor the server's one scheduler; only this schedule is cancelled on close */
    public RetentionScheduler(Retention retention, StileMetrics metrics, ScheduledExecutorService executor) {
        this.retention = Objects.requireNonNull(retention, "retention");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** Starts the schedule: first run after {@code firstDelayMillis}, then every interval. */
    public void start(long firstDelayMillis) {
        long every = retention.policy().interval().toMillis();
        runs = executor.scheduleWithFixedDelay(this::runSafely, firstDelayMillis, every, TimeUnit.MILLISECONDS);
        LOG.info("retention: every {} in batches of {}, rules {}", retention.policy().interval(),
                retention.policy().batchSize(), retention.rules().stream().map(r -> r.name() + "=" + r.keep()).toList());
    }

    private void runSafely() {
        try {
            Map<String, Long> deleted = retention.runOnce();
            LOG.debug("retention run: {}", deleted);
        } catch (RuntimeException e) {
            metrics.retentionFailed();
            LOG.error("retention run failed, next try in {}: {}", retention.policy().interval(), e.getMessage());
        }
    }

    @Override
    /**
     * Stops the schedule and interrupts a run in progress; the owner of the scheduler waits for it
     * to end before the database closes.
     */
    public void close() {
        if (runs != null) {
            runs.cancel(true);
        }
    }
}
