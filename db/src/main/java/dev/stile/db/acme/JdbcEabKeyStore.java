package dev.stile.db.acme;

import dev.stile.acme.store.EabKey;
import dev.stile.acme.store.EabKeyStore;
import dev.stile.db.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/** {@link EabKeyStore} on table {@code acme_eab_keys}; binding is a guarded UPDATE. */
public final class JdbcEabKeyStore implements EabKeyStore {

    private final Database db;

    public JdbcEabKeyStore(Database db) {
        this.db = db;
    }

    @Override
    public Optional<EabKey> find(String keyId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT key_id, provisioner, hmac_key, bound_account_id, created_at FROM acme_eab_keys WHERE key_id = ?")) {
                ps.setString(1, keyId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new EabKey(rs.getString("key_id"), rs.getString("provisioner"),
                            Base64.getDecoder().decode(rs.getString("hmac_key")), rs.getString("bound_account_id"),
                            Jdbc.instant(rs, "created_at")));
                }
            }
        });
    }

    @Override
    public boolean bind(String keyId, String accountId, Instant now) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE acme_eab_keys SET bound_account_id = ?, bound_at = ? "
                    + "WHERE key_id = ? AND bound_account_id IS NULL")) {
                ps.setString(1, accountId);
                Jdbc.setInstant(ps, 2, now);
                ps.setString(3, keyId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void save(EabKey key) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO acme_eab_keys "
                    + "(key_id, provisioner, hmac_key, bound_account_id, created_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, key.keyId());
                ps.setString(2, key.provisioner());
                ps.setString(3, Base64.getEncoder().encodeToString(key.hmacKey()));
                ps.setString(4, key.boundAccountId());
                Jdbc.setInstant(ps, 5, key.createdAt() == null ? Instant.now() : key.createdAt());
                return ps.executeUpdate();
            }
        });
    }
}
