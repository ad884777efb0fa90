package dev.stile.db.admin;

import dev.stile.admin.EabKeyAdmin;
import dev.stile.db.Timestamps;
import dev.stile.db.Database;
import dev.stile.core.Page;
import dev.stile.core.PageRequest;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Operator side of ACME External Account Binding keys (RFC 8555 §7.3.4) on {@code acme_eab_keys}:
 * mint, list per provisioner (keyset by key id), delete. The ACME side reads the same rows
 * through {@code JdbcEabKeyStore}.
 */
public final class JdbcEabKeyAdmin implements EabKeyAdmin {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database database;
    private final dev.stile.db.secrets.EabKeysAtRest atRest;

    /** @param atRest encrypts the HMAC key before it is stored */
    public JdbcEabKeyAdmin(Database database, dev.stile.db.secrets.EabKeysAtRest atRest) {
        this.database = Objects.requireNonNull(database, "database");
        this.atRest = Objects.requireNonNull(atRest, "atRest");
    }

    /** Mints a key with a 256-bit HMAC secret (RFC 8555 §7.3.4 uses HS256). */
    public Row create(String provisioner, String reference, Instant now) {
        byte[] id = new byte[16];
        byte[] key = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(key);
        Row row = new Row(HexFormat.of().formatHex(id), provisioner, reference == null ? "" : reference, key, null,
                now, null);
        database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO acme_eab_keys (key_id, provisioner, hmac_key, "
                    + "created_at, reference) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, row.keyId());
                ps.setString(2, provisioner);
                ps.setString(3, atRest.seal(key, row.keyId()));
                ps.setObject(4, Timestamps.toDb(now));
                ps.setString(5, row.reference());
                return ps.executeUpdate();
            }
        });
        return row;
    }

    /** Keys of a provisioner (optionally only those with this reference), ordered by key id. */
    public Page<Row> list(String provisioner, String reference, PageRequest page) {
        StringBuilder sql = new StringBuilder("SELECT key_id, provisioner, reference, bound_account_id, created_at, "
                + "bound_at FROM acme_eab_keys WHERE provisioner = ? AND key_id > ?");
        if (reference != null) {
            sql.append(" AND reference = ?");
        }
        sql.append(" ORDER BY key_id LIMIT ").append(page.limit() + 1);
        List<Row> rows = database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                ps.setString(1, provisioner);
                ps.setString(2, page.cursor());
                if (reference != null) {
                    ps.setString(3, reference);
                }
                List<Row> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3) == null ? "" : rs.getString(3),
                                null, rs.getString(4), Timestamps.fromDb(rs.getObject(5, OffsetDateTime.class)),
                                Timestamps.fromDb(rs.getObject(6, OffsetDateTime.class))));
                    }
                }
                return out;
            }
        });
        if (rows.size() <= page.limit()) {
            return new Page<>(rows, "");
        }
        List<Row> items = rows.subList(0, page.limit());
        return new Page<>(items, items.get(items.size() - 1).keyId());
    }

    /** Deletes a key of this provisioner; false when there is none. */
    public boolean delete(String provisioner, String keyId) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM acme_eab_keys WHERE provisioner = ? AND key_id = ?")) {
                ps.setString(1, provisioner);
                ps.setString(2, keyId);
                return ps.executeUpdate() == 1;
            }
        });
    }
}
