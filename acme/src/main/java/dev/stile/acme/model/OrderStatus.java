package dev.stile.acme.model;

import java.time.Instant;
import java.util.List;

/** Derives an order's status from its stored state and its authorizations (RFC 8555 §7.1.6). */
public final class OrderStatus {

    private OrderStatus() {
    }

    /**
     * The status a client sees.
     *
     * <ul>
     *   <li>processing, valid and invalid are final facts of the order itself and win;</li>
     *   <li>a pending order past its {@code expires} is invalid (§7.1.6: "the order expires");</li>
     *   <li>any authorization invalid, deactivated, expired or revoked makes it invalid;</li>
     *   <li>all authorizations valid makes it ready; otherwise it stays pending.</li>
     * </ul>
     *
     * @param stored the stored status (pending, processing, valid, invalid)
     * @param expires the order's expiry
     * @param authorizations the order's authorizations (stored statuses; expiry is applied here)
     * @param now the current instant
     */
    public static Status derive(Status stored, Instant expires, List<Authorization> authorizations, Instant now) {
        if (stored == Status.PROCESSING || stored == Status.VALID || stored == Status.INVALID) {
            return stored;
        }
        if (!now.isBefore(expires)) {
            return Status.INVALID;
        }
        if (authorizations.isEmpty()) {
            return Status.PENDING;
        }
        boolean allValid = true;
        for (Authorization authz : authorizations) {
            Status s = authz.statusAt(now);
            if (s == Status.INVALID || s == Status.DEACTIVATED || s == Status.EXPIRED || s == Status.REVOKED) {
                return Status.INVALID;
            }
            allValid &= s == Status.VALID;
        }
        return allValid ? Status.READY : Status.PENDING;
    }

    /** Convenience overload for an order record. */
    public static Status derive(Order order, List<Authorization> authorizations, Instant now) {
        return derive(order.status(), order.expires(), authorizations, now);
    }
}
