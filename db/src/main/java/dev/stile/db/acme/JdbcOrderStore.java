package dev.stile.db.acme;

import dev.stile.acme.model.Authorization;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.model.Order;
import dev.stile.acme.model.Status;
import dev.stile.acme.problem.ProblemDocument;
import dev.stile.acme.store.OrderStore;
import dev.stile.acme.validation.ValidationRecord;
import dev.stile.db.Database;
import dev.stile.core.Page;
import dev.stile.core.PageRequest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link OrderStore} on tables {@code acme_orders}, {@code acme_order_authorizations},
 * {@code acme_authorizations} and {@code acme_challenges}. Transitions are guarded UPDATEs
 * ({@code ... WHERE id = ? AND status = 'pending'}) whose row count says who won a race.
 */
public final class JdbcOrderStore implements OrderStore {

    private static final String ORDER_COLUMNS = "id, account_id, provisioner, status, identifiers, not_before, not_after, "
            + "expires_at, error, certificate_id, profile, replaces, created_at";
    private final Database db;

    public JdbcOrderStore(Database db) {
        this.db = db;
    }

    @Override
    public void createWithAuthorizations(Order order, List<Authorization> newAuthorizations) {
        db.inTransaction(c -> {
            for (Authorization a : newAuthorizations) {
                AuthorizationRows.insert(c, a, order.createdAt());
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO acme_orders (" + ORDER_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, order.id());
                ps.setString(2, order.accountId());
                ps.setString(3, order.provisioner());
                ps.setString(4, order.status().token());
                ps.setString(5, Jdbc.writeIdentifiers(order.identifiers()));
                Jdbc.setInstant(ps, 6, order.notBefore());
                Jdbc.setInstant(ps, 7, order.notAfter());
                Jdbc.setInstant(ps, 8, order.expires());
                ps.setString(9, Jdbc.write(order.error()));
                ps.setString(10, order.certificateId());
                ps.setString(11, order.profile());
                ps.setString(12, order.replaces());
                Jdbc.setInstant(ps, 13, order.createdAt() == null ? Instant.now() : order.createdAt());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO acme_order_authorizations (order_id, position, authz_id) VALUES (?, ?, ?)")) {
                for (int i = 0; i < order.authorizationIds().size(); i++) {
                    ps.setString(1, order.id());
                    ps.setInt(2, i);
                    ps.setString(3, order.authorizationIds().get(i));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public void createAuthorization(Authorization authorization) {
        db.inTransaction(c -> {
            AuthorizationRows.insert(c, authorization, Instant.now());
            return null;
        });
    }

    @Override
    public Optional<Order> findOrder(String orderId) {
        // The order and its authorization ids in one query (no column name is in both tables).
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + ORDER_COLUMNS + ", oa.authz_id FROM acme_orders "
                    + "LEFT JOIN acme_order_authorizations oa ON oa.order_id = acme_orders.id "
                    + "WHERE acme_orders.id = ? ORDER BY oa.position")) {
                ps.setString(1, orderId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Order>empty();
                    }
                    List<String> authzIds = new ArrayList<>();
                    Order order = mapOrder(rs, authzIds);
                    do {
                        String authzId = rs.getString("authz_id");
                        if (authzId != null) {
                            authzIds.add(authzId);
                        }
                    } while (rs.next());
                    return Optional.of(new Order(order.id(), order.accountId(), order.provisioner(), order.status(),
                            order.identifiers(), order.notBefore(), order.notAfter(), order.expires(),
                            List.copyOf(authzIds), order.error(), order.certificateId(), order.profile(),
                            order.replaces(), order.createdAt()));
                }
            }
        });
    }

    @Override
    public Optional<Authorization> findAuthorization(String authorizationId) {
        return db.withConnection(c -> AuthorizationRows.load(c, authorizationId));
    }

    @Override
    public Optional<Authorization> findAuthorizationOfChallenge(String challengeId) {
        return db.withConnection(c -> {
            String authzId = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT authz_id FROM acme_challenges WHERE id = ?")) {
                ps.setString(1, challengeId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        authzId = rs.getString(1);
                    }
                }
            }
            return authzId == null ? Optional.<Authorization>empty() : AuthorizationRows.load(c, authzId);
        });
    }

    @Override
    public List<Authorization> findAuthorizations(List<String> ids) {
        return db.withConnection(c -> {
            return AuthorizationRows.loadAll(c, ids);
        });
    }

    @Override
    public Optional<Authorization> findValidAuthorization(String accountId, Identifier identifier, boolean wildcard,
                                                          Instant validUntil) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM acme_authorizations WHERE account_id = ? "
                    + "AND identifier_type = ? AND identifier_value = ? AND wildcard = ? AND status = 'valid' "
                    + "AND expires_at > ? ORDER BY expires_at DESC LIMIT 1")) {
                ps.setString(1, accountId);
                ps.setString(2, identifier.type());
                ps.setString(3, identifier.value());
                ps.setBoolean(4, wildcard);
                Jdbc.setInstant(ps, 5, validUntil);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? AuthorizationRows.load(c, rs.getString(1)) : Optional.<Authorization>empty();
                }
            }
        });
    }

    @Override
    public boolean markChallengeProcessing(String challengeId, Instant now) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE acme_challenges SET status = 'processing', "
                    + "processing_since = ? WHERE id = ? AND status = 'pending' AND EXISTS (SELECT 1 FROM "
                    + "acme_authorizations a WHERE a.id = acme_challenges.authz_id AND a.status = 'pending')")) {
                Jdbc.setInstant(ps, 1, now);
                ps.setString(2, challengeId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean markChallengeProcessing(String challengeId, Instant now, String leaseOwner, Instant leaseUntil) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE acme_challenges SET status = 'processing', "
                    + "processing_since = ?, lease_owner = ?, lease_expires = ? WHERE id = ? AND status = 'pending' "
                    + "AND EXISTS (SELECT 1 FROM acme_authorizations a WHERE a.id = acme_challenges.authz_id "
                    + "AND a.status = 'pending')")) {
                Jdbc.setInstant(ps, 1, now);
                ps.setString(2, leaseOwner);
                Jdbc.setInstant(ps, 3, leaseUntil);
                ps.setString(4, challengeId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void recordAttempt(String challengeId, List<ValidationRecord> records, ProblemDocument lastProblem) {
        db.inTransaction(c -> {
            List<ValidationRecord> all = lockProcessing(c, challengeId);
            if (all == null) {
                return null;
            }
            all.addAll(records);
            try (PreparedStatement ps = c.prepareStatement("UPDATE acme_challenges SET records = ?, error = ? "
                    + "WHERE id = ? AND status = 'processing'")) {
                ps.setString(1, Jdbc.write(all));
                ps.setString(2, Jdbc.write(lastProblem));
                ps.setString(3, challengeId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public boolean recordValidation(String challengeId, boolean valid, ProblemDocument problem,
                                    List<ValidationRecord> records, Instant now, Instant expiresNoLaterThan) {
        return db.inTransaction(c -> {
            List<ValidationRecord> all = lockProcessing(c, challengeId);
            if (all == null) {
                return false;
            }
            all.addAll(records);
            String status = valid ? "valid" : "invalid";
            String authzId;
            try (PreparedStatement ps = c.prepareStatement("SELECT authz_id FROM acme_challenges WHERE id = ?")) {
                ps.setString(1, challengeId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    authzId = rs.getString(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE acme_challenges SET status = ?, validated_at = ?, "
                    + "error = ?, records = ? WHERE id = ? AND status = 'processing'")) {
                ps.setString(1, status);
                Jdbc.setInstant(ps, 2, valid ? now : null);
                ps.setString(3, valid ? null : Jdbc.write(problem));
                ps.setString(4, Jdbc.write(all));
                ps.setString(5, challengeId);
                if (ps.executeUpdate() != 1) {
                    return false;
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE acme_authorizations SET status = ? WHERE id = ? AND status = 'pending'")) {
                ps.setString(1, status);
                ps.setString(2, authzId);
                ps.executeUpdate();
            }
            if (valid && expiresNoLaterThan != null) {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE acme_authorizations SET expires_at = ? WHERE id = ? AND expires_at > ?")) {
                    Jdbc.setInstant(ps, 1, expiresNoLaterThan);
                    ps.setString(2, authzId);
                    Jdbc.setInstant(ps, 3, expiresNoLaterThan);
                    ps.executeUpdate();
                }
            }
            if (!valid) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE acme_orders SET status = 'invalid', error = ? "
                        + "WHERE status = 'pending' AND id IN (SELECT order_id FROM acme_order_authorizations WHERE authz_id = ?)")) {
                    ps.setString(1, Jdbc.write(problem));
                    ps.setString(2, authzId);
                    ps.executeUpdate();
                }
            }
            return true;
        });
    }

    /** Locks a processing challenge row and returns its records, or null if it is not processing. */
    private static List<ValidationRecord> lockProcessing(Connection c, String challengeId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT records FROM acme_challenges WHERE id = ? AND status = 'processing' FOR UPDATE")) {
            ps.setString(1, challengeId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new ArrayList<>(Jdbc.records(rs.getString(1))) : null;
            }
        }
    }

    @Override
    public boolean deactivateAuthorization(String authorizationId) {
        return Jdbc.updateOne(db, "UPDATE acme_authorizations SET status = 'deactivated' WHERE id = ? AND status IN ('pending', 'valid')",
                authorizationId);
    }

    @Override
    public boolean beginProcessing(String orderId) {
        return Jdbc.updateOne(db, "UPDATE acme_orders SET status = 'processing' WHERE id = ? AND status = 'pending'", orderId);
    }

    @Override
    public boolean beginProcessing(String orderId, String certificateId, Instant now) {
        return RecoveryRows.beginProcessing(db, orderId, certificateId, now);
    }

    @Override
    public List<StalledOrder> findStalledOrders(Instant startedBefore, int limit) {
        return RecoveryRows.findStalledOrders(db, startedBefore, limit);
    }

    @Override
    public boolean releaseProcessing(String orderId) {
        return RecoveryRows.releaseProcessing(db, orderId);
    }

    @Override
    public boolean leaseChallenge(String challengeId, String owner, Instant now, Instant until) {
        return RecoveryRows.leaseChallenge(db, challengeId, owner, now, until);
    }

    @Override
    public void releaseLeases(String owner) {
        Jdbc.updateOne(db, "UPDATE acme_challenges SET lease_owner = NULL, lease_expires = NULL WHERE lease_owner = ?", owner);
    }

    @Override
    public List<ProcessingChallenge> findUnleasedChallenges(Instant now, Instant unleasedBefore, int limit) {
        return RecoveryRows.findUnleasedChallenges(db, now, unleasedBefore, limit);
    }

    @Override
    public boolean complete(String orderId, String certificateId) {
        return Jdbc.updateOne(db, "UPDATE acme_orders SET status = 'valid', certificate_id = ?, processing_since = NULL, "
                + "pending_certificate_id = NULL WHERE id = ? AND status = 'processing'", certificateId, orderId);
    }

    @Override
    public boolean fail(String orderId, ProblemDocument problem) {
        return Jdbc.updateOne(db, "UPDATE acme_orders SET status = 'invalid', error = ? WHERE id = ? AND status IN ('pending', 'processing')",
                Jdbc.write(problem), orderId);
    }

    @Override
    public Page<String> listOrders(String accountId, PageRequest page) {
        long after = parseCursor(page.cursor());
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, seq FROM acme_orders WHERE account_id = ? "
                    + "AND seq < ? ORDER BY seq DESC LIMIT ?")) {
                ps.setString(1, accountId);
                ps.setLong(2, after);
                ps.setInt(3, page.limit() + 1);
                List<String> ids = new ArrayList<>();
                long lastSeq = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (ids.size() == page.limit()) {
                            return new Page<>(ids, Long.toString(lastSeq));
                        }
                        ids.add(rs.getString(1));
                        lastSeq = rs.getLong(2);
                    }
                }
                return new Page<>(ids, "");
            }
        });
    }

    private static long parseCursor(String cursor) {
        if (cursor.isEmpty()) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw dev.stile.acme.problem.AcmeException.malformed("the orders cursor \"" + cursor + "\" is not valid");
        }
    }

    @Override
    public int purgeExpired(Instant before, int limit) {
        return db.inTransaction(c -> {
            int n;
            // acme_order_authorizations rows go with their order (ON DELETE CASCADE), challenges with their authz.
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM acme_orders WHERE id IN "
                    + "(SELECT id FROM acme_orders WHERE expires_at < ? LIMIT ?)")) {
                Jdbc.setInstant(ps, 1, before);
                ps.setInt(2, limit);
                n = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM acme_authorizations WHERE id IN "
                    + "(SELECT a.id FROM acme_authorizations a WHERE a.expires_at < ? AND NOT EXISTS "
                    + "(SELECT 1 FROM acme_order_authorizations oa WHERE oa.authz_id = a.id) LIMIT ?)")) {
                Jdbc.setInstant(ps, 1, before);
                ps.setInt(2, limit);
                n += ps.executeUpdate();
            }
            return n;
        });
    }

    @Override
    public List<ProcessingChallenge> findProcessingChallenges(int limit) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT ch.id, ch.authz_id, a.account_id FROM acme_challenges ch "
                    + "JOIN acme_authorizations a ON a.id = ch.authz_id WHERE ch.status = 'processing' "
                    + "ORDER BY ch.processing_since LIMIT ?")) {
                ps.setInt(1, limit);
                List<ProcessingChallenge> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ProcessingChallenge(rs.getString(1), rs.getString(2), rs.getString(3)));
                    }
                }
                return out;
            }
        });
    }

    private static Order mapOrder(ResultSet rs, List<String> authzIds) throws SQLException {
        return new Order(rs.getString("id"), rs.getString("account_id"), rs.getString("provisioner"),
                Status.fromToken(rs.getString("status")), Jdbc.identifiers(rs.getString("identifiers")),
                Jdbc.instant(rs, "not_before"), Jdbc.instant(rs, "not_after"), Jdbc.instant(rs, "expires_at"),
                authzIds, Jdbc.problem(rs.getString("error")), rs.getString("certificate_id"), rs.getString("profile"),
                rs.getString("replaces"), Jdbc.instant(rs, "created_at"));
    }
}
