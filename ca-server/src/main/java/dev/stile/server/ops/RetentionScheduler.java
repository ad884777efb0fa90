package dev.stile.server.ops;

import dev.stile.admin.retention.Retention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs retention on one daemon thread every {@code interval}, the first run shortly after start so
 * that start-up itself never waits for a backlog. A failed run is logged and counted; the next
 * one tries again.
 */
public final class RetentionScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionScheduler.class);

    private final Retention retention;
    private final StileMetrics metrics;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "stile-retention");
        t.setDaemon(true);
        return t;
    });

    public RetentionScheduler(Retention retention, StileMetrics metrics) {
        this.retention = Objects.requireNonNull(retention, "retention");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Starts the schedule: first run after {@code firstDelayMillis}, then every interval. */
    public void start(long firstDelayMillis) {
        long every = retention.policy().interval().toMillis();
        executor.scheduleWithFixedDelay(this::runSafely, firstDelayMillis, every, TimeUnit.MILLISECONDS);
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
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
