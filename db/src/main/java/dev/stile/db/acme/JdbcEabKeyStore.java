package dev.stile.db.acme;

import dev.stile.acme.store.EabKey;
import dev.stile.acme.store.EabKeyStore;
import dev.stile.db.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import dev.stile.db.secrets.AtRestCipher;
import dev.stile.db.secrets.EabKeysAtRest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Optional;

/**
 * {@link EabKeyStore} on table {@code acme_eab_keys}; binding is a guarded UPDATE. HMAC keys are
 * stored encrypted ({@link EabKeysAtRest}); one that cannot be decrypted is treated as unknown
 * (the client is told the key id is not known) and logged with the reason.
 */
public final class JdbcEabKeyStore implements EabKeyStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcEabKeyStore.class);

    private final Database db;
    private final EabKeysAtRest atRest;

    public JdbcEabKeyStore(Database db, EabKeysAtRest atRest) {
        this.db = db;
        this.atRest = atRest;
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
                    byte[] hmac;
                    try {
                        hmac = atRest.open(rs.getString("hmac_key"), keyId);
                    } catch (AtRestCipher.UnreadableSecretException e) {
                        LOG.warn("the HMAC key of EAB key {} cannot be read: {}; create a new EAB key for this client",
                                keyId, e.getMessage());
                        return Optional.empty();
                    }
                    return Optional.of(new EabKey(rs.getString("key_id"), rs.getString("provisioner"),
                            hmac, rs.getString("bound_account_id"), Jdbc.instant(rs, "created_at")));
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
                ps.setString(3, atRest.seal(key.hmacKey(), key.keyId()));
                ps.setString(4, key.boundAccountId());
                Jdbc.setInstant(ps, 5, key.createdAt() == null ? Instant.now() : key.createdAt());
                return ps.executeUpdate();
            }
        });
    }
}
