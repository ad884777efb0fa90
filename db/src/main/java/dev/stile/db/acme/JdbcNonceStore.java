package dev.stile.db.acme;

import dev.stile.acme.store.NonceStore;
import dev.stile.db.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;

/**
 * {@link NonceStore} on table {@code acme_nonces}, which holds the ids of USED nonces until they
 * expire (one INSERT per redeemed nonce, its primary key refuses a second), and on the one-row
 * {@code acme_nonce_key} with the key every replica seals nonces with.
 */
public final class JdbcNonceStore implements NonceStore {

    private final Database db;

    public JdbcNonceStore(Database db) {
        this.db = db;
    }

    @Override
    public byte[] sharedKey(byte[] candidate) {
        return db.withConnection(c -> {
            String stored = read(c);
            if (stored == null) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO acme_nonce_key (id, secret, created_at) VALUES (1, ?, ?)")) {
                    ps.setString(1, Base64.getEncoder().encodeToString(candidate));
                    Jdbc.setInstant(ps, 2, Instant.now());
                    ps.executeUpdate();
                } catch (SQLException e) {
                    if (!Jdbc.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        throw e;
                    }
                    // Another replica stored its key first: use that one.
                }
                stored = read(c);
            }
            return Base64.getDecoder().decode(stored);
        });
    }

    private static String read(java.sql.Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT secret FROM acme_nonce_key WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Override
    public void requireAvailable() {
        db.requireReachable();
    }

    @Override
    public boolean markUsed(String id, Instant expiresAt) {
        // The INSERT is the check: of two replicas redeeming the same nonce, exactly one inserts the row.
        // On PostgreSQL a replay inserts nothing instead of failing, which would abort the
        // request's transaction the INSERT joins (Database#inOneTransaction); a concurrent redeem of
        // the same nonce waits for the first one's transaction and then inserts nothing.
        String sql = "INSERT INTO acme_nonces (nonce, expires_at) VALUES (?, ?)"
                + (db.kind() == Database.Kind.POSTGRESQL ? " ON CONFLICT DO NOTHING" : "");
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, id);
                Jdbc.setInstant(ps, 2, expiresAt);
                return ps.executeUpdate() == 1;
            } catch (SQLException e) {
                if (Jdbc.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public int purgeExpired(Instant before, int limit) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM acme_nonces WHERE nonce IN "
                    + "(SELECT nonce FROM acme_nonces WHERE expires_at <= ? LIMIT ?)")) {
                Jdbc.setInstant(ps, 1, before);
                ps.setInt(2, limit);
                return ps.executeUpdate();
            }
        });
    }
}
