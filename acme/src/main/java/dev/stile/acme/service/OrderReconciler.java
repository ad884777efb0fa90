package dev.stile.acme.service;

import dev.stile.acme.store.AcmeCertificateStore;
import dev.stile.acme.store.OrderStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Finishes finalizes that a crash or a database error interrupted. Finalize is synchronous and
 * takes milliseconds, so an order still {@code processing} after {@link #DEFAULT_DEADLINE} has
 * lost its request. Its finalize reserved the id its certificate is stored under: when that
 * certificate is stored the order becomes {@code valid} (the client may already hold it); when it
 * is not, the order goes back to {@code pending}, which a client sees as {@code ready} and can
 * finalize again (RFC 8555 §7.1.6). Without this, the order answered {@code processing} with
 * {@code Retry-After: 1} until it expired. Run at start-up and periodically; safe on several
 * replicas at once because both transitions are guarded.
 */
public final class OrderReconciler {

    private static final Logger LOG = LoggerFactory.getLogger(OrderReconciler.class);
    /** How long a finalize may be in progress before it is considered interrupted. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(10);
    private static final int BATCH = 100;

    private final OrderStore orders;
    private final AcmeCertificateStore certificates;
    private final Clock clock;
    private final Duration deadline;

    public OrderReconciler(OrderStore orders, AcmeCertificateStore certificates, Clock clock, Duration deadline) {
        this.orders = orders;
        this.certificates = certificates;
        this.clock = clock;
        this.deadline = deadline;
    }

    /** Reconciles every stalled order (in batches); returns how many changed state. */
    public int reconcile() {
        int changed = 0;
        int changedInBatch;
        do {
            List<OrderStore.StalledOrder> stalled = orders.findStalledOrders(clock.instant().minus(deadline), BATCH);
            changedInBatch = 0;
            for (OrderStore.StalledOrder s : stalled) {
                if (reconcile(s)) {
                    changedInBatch++;
                }
            }
            changed += changedInBatch;
            // A batch where nothing moved would be read again: stop instead of spinning.
        } while (changedInBatch == BATCH);
        return changed;
    }

    private boolean reconcile(OrderStore.StalledOrder s) {
        boolean stored = s.certificateId() != null && certificates.find(s.certificateId()).isPresent();
        if (stored && orders.complete(s.orderId(), s.certificateId())) {
            LOG.info("order {} was left processing by an interrupted finalize; its certificate {} was stored, "
                    + "so the order is now valid", s.orderId(), s.certificateId());
            return true;
        }
        if (!stored && orders.releaseProcessing(s.orderId())) {
            LOG.info("order {} was left processing by an interrupted finalize and no certificate was stored; "
                    + "it is ready again and the client can finalize it once more", s.orderId());
            return true;
        }
        return false;
    }
}
