package dev.stile.server.ops;

import com.zaxxer.hikari.HikariDataSource;
import dev.stile.authority.crypto.CryptoProviders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * Every metric Stile exports, behind named methods so callers never build meter names. Served in
 * Prometheus text format on the ops listener's {@code /metrics}. Meter names are listed in
 * docs/operations.md; changing one breaks users' alert rules.
 */
public final class StileMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    /**
     * The JVM's own meters ({@code jvm_*}, {@code process_*}, {@code system_*}) are bound on a
     * thread of their own: they read the platform's management beans, whose classes (JMX, ~250)
     * took ~0.1 s of the server's start-up on its critical path. A scrape waits for them.
     */
    private final CompletableFuture<Void> jvmMeters;

    public StileMetrics() {
        jvmMeters = CompletableFuture.runAsync(this::bindJvmMeters, task -> {
            Thread thread = new Thread(task, "stile-jvm-metrics");
            thread.setDaemon(true);
            thread.start();
        });
        Gauge.builder("stile_crypto_provider", () -> 1)
                .description("Always 1; the provider label names the JCA provider that serves signatures")
                .tag("provider", CryptoProviders.signatureProviderName())
                .register(registry);
    }

    private void bindJvmMeters() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Prometheus text exposition of every meter (the JVM's included, once they are bound). */
    public String scrape() {
        jvmMeters.join();
        return registry.scrape();
    }

    /** Connection pool gauges and timings ({@code hikaricp_*}) of the database. */
    public void bindPool(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource) {
            HikariDataSource hikari = (HikariDataSource) dataSource;
            if (hikari.getMetricRegistry() == null) {
                hikari.setMetricRegistry(registry);
            }
        }
    }

    /** A certificate left the CA ({@code stile_certificates_issued_total}). */
    public void certificateIssued(String provisioner, String profile, String keyType) {
        Counter.builder("stile_certificates_issued")
                .description("Certificates signed")
                .tag("provisioner", orNone(provisioner))
                .tag("profile", orNone(profile))
                .tag("key_type", orNone(keyType))
                .register(registry).increment();
    }

    /**
     * One validation attempt ended ({@code stile_validations_total} and the
     * {@code stile_validation_duration_seconds} histogram).
     *
     * @param outcome one of {@link OutcomeClass}'s names: ok, dns, connection, http_status, tls,
     *                unauthorized, other
     * @param finalOutcome false for a transient failure that will be retried
     */
    public void validation(String challengeType, String outcome, boolean finalOutcome, Duration took) {
        Counter.builder("stile_validations")
                .description("Challenge validation attempts by challenge type and outcome class")
                .tag("challenge", challengeType)
                .tag("outcome", outcome)
                .tag("final", Boolean.toString(finalOutcome))
                .register(registry).increment();
        Timer.builder("stile_validation_duration")
                .description("Time one validation attempt took")
                .tag("challenge", challengeType)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry).record(took);
    }

    /** An ACME request was refused at the JWS stage ({@code stile_jws_rejections_total}). */
    public void jwsRejected(String errorType) {
        Counter.builder("stile_jws_rejections").description("ACME requests refused before the JWS was accepted")
                .tag("error", orNone(errorType)).register(registry).increment();
    }

    /** A request was refused by a rate limit or cap ({@code stile_rate_limited_total}). */
    public void rateLimited(String limit) {
        Counter.builder("stile_rate_limited").description("ACME requests refused by a rate limit or cap")
                .tag("limit", orNone(limit)).register(registry).increment();
    }

    /** A nonce was refused ({@code stile_nonce_rejections_total}): unknown, reused or expired. */
    public void nonceRejected(String reason) {
        Counter.builder("stile_nonce_rejections").description("Anti-replay nonces refused")
                .tag("reason", orNone(reason)).register(registry).increment();
    }

    /** Rows deleted by retention ({@code stile_retention_deleted_rows_total}). */
    public void retentionDeleted(String rule, long rows) {
        Counter.builder("stile_retention_deleted_rows").description("Rows deleted by retention")
                .tag("rule", rule).register(registry).increment(rows);
    }

    /** Retention runs that failed ({@code stile_retention_failures_total}). */
    public void retentionFailed() {
        Counter.builder("stile_retention_failures").description("Retention runs that failed")
                .register(registry).increment();
    }

    /** An issuance whose renewal-watch update failed (the gap report may miss that name). */
    public void renewalWatchFailed() {
        Counter.builder("stile_renewal_watch_failures").description("Issued certificates the renewal watch missed")
                .register(registry).increment();
    }

    /** Active (unexpired, unrevoked) certificates, from a cached cheap count. */
    public void activeCertificates(LongSupplier cachedCount) {
        Gauge.builder("stile_certificates_active", cachedCount::getAsLong)
                .description("Certificates neither expired nor revoked").register(registry);
    }

    /** Names whose newest certificate expires within the watch window without a newer one. */
    public void renewalGaps(LongSupplier cachedCount) {
        Gauge.builder("stile_renewal_gaps", cachedCount::getAsLong)
                .description("Names whose newest certificate expires within the renewal window without a newer one")
                .register(registry);
    }

    public void close() {
        jvmMeters.join();
        gc.close();
        registry.close();
    }

    private static String orNone(String s) {
        return s == null || s.isBlank() ? "none" : s;
    }
}
