package dev.stile.db.acme;

import dev.stile.acme.store.OrderStore;
import dev.stile.db.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows {@link JdbcOrderStore} needs to recover from crashes (V6): an order's finalize start
 * and reserved certificate id, and the lease a replica holds on a validation in progress.
 */
final class RecoveryRows {

    private RecoveryRows() {
    }

    static boolean beginProcessing(Database db, String orderId, String certificateId, Instant now) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE acme_orders SET status = 'processing', "
                    + "processing_since = ?, pending_certificate_id = ? WHERE id = ? AND status = 'pending'")) {
                Jdbc.setInstant(ps, 1, now);
                ps.setString(2, certificateId);
                ps.setString(3, orderId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    static List<OrderStore.StalledOrder> findStalledOrders(Database db, Instant startedBefore, int limit) {
        return db.withConnection(c -> {
            // Orders from before V6 have no processing_since: they are stalled by definition.
            try (PreparedStatement ps = c.prepareStatement("SELECT id, pending_certificate_id FROM acme_orders "
                    + "WHERE status = 'processing' AND (processing_since IS NULL OR processing_since < ?) "
                    + "ORDER BY processing_since LIMIT ?")) {
                Jdbc.setInstant(ps, 1, startedBefore);
                ps.setInt(2, limit);
                List<OrderStore.StalledOrder> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new OrderStore.StalledOrder(rs.getString(1), rs.getString(2)));
                    }
                }
                return out;
            }
        });
    }

    static boolean releaseProcessing(Database db, String orderId) {
        return Jdbc.updateOne(db, "UPDATE acme_orders SET status = 'pending', processing_since = NULL, "
                + "pending_certificate_id = NULL WHERE id = ? AND status = 'processing'", orderId);
    }

    static boolean leaseChallenge(Database db, String challengeId, String owner, Instant now, Instant until) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE acme_challenges SET lease_owner = ?, lease_expires = ? "
                    + "WHERE id = ? AND status = 'processing' AND (lease_owner IS NULL OR lease_owner = ? "
                    + "OR lease_expires IS NULL OR lease_expires < ?)")) {
                ps.setString(1, owner);
                Jdbc.setInstant(ps, 2, until);
                ps.setString(3, challengeId);
                ps.setString(4, owner);
                Jdbc.setInstant(ps, 5, now);
                return ps.executeUpdate() == 1;
            }
        });
    }

    static List<OrderStore.ProcessingChallenge> findUnleasedChallenges(Database db, Instant now, Instant unleasedBefore, int limit) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT ch.id, ch.authz_id, a.account_id FROM acme_challenges ch "
                    + "JOIN acme_authorizations a ON a.id = ch.authz_id WHERE ch.status = 'processing' "
                    + "AND ((ch.lease_expires IS NULL AND ch.processing_since < ?) OR ch.lease_expires < ?) "
                    + "ORDER BY ch.processing_since LIMIT ?")) {
                Jdbc.setInstant(ps, 1, unleasedBefore);
                Jdbc.setInstant(ps, 2, now);
                ps.setInt(3, limit);
                List<OrderStore.ProcessingChallenge> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new OrderStore.ProcessingChallenge(rs.getString(1), rs.getString(2), rs.getString(3)));
                    }
                }
                return out;
            }
        });
    }
}
