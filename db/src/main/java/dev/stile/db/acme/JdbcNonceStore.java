package dev.stile.db.acme;

import dev.stile.acme.store.NonceStore;
import dev.stile.db.Database;

import java.sql.PreparedStatement;
import java.time.Instant;

/** {@link NonceStore} on table {@code acme_nonces}: one INSERT per issue, one DELETE per redeem. */
public final class JdbcNonceStore implements NonceStore {

    private final Database db;

    public JdbcNonceStore(Database db) {
        this.db = db;
    }

    @Override
    public void insert(String nonce, Instant expiresAt) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO acme_nonces (nonce, expires_at) VALUES (?, ?)")) {
                ps.setString(1, nonce);
                Jdbc.setInstant(ps, 2, expiresAt);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public boolean redeem(String nonce, Instant now) {
        // The DELETE is the check: of two replicas redeeming the same nonce, exactly one deletes the row.
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM acme_nonces WHERE nonce = ? AND expires_at > ?")) {
                ps.setString(1, nonce);
                Jdbc.setInstant(ps, 2, now);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public int purgeExpired(Instant now, int limit) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM acme_nonces WHERE nonce IN "
                    + "(SELECT nonce FROM acme_nonces WHERE expires_at <= ? LIMIT ?)")) {
                Jdbc.setInstant(ps, 1, now);
                ps.setInt(2, limit);
                return ps.executeUpdate();
            }
        });
    }
}
