package dev.stile.db.secrets;

import dev.stile.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * EAB HMAC keys in {@code acme_eab_keys.hmac_key}: sealed with {@link AtRestCipher} when written,
 * opened when read, and — once at start-up — every key still stored in plain base64 (written by a
 * version before encryption) re-encrypted in place. The upgrade needs the CA key, which Flyway does
 * not have, so it runs here; it is idempotent and guarded per row, so replicas starting together
 * agree.
 */
public final class EabKeysAtRest {

    private static final Logger LOG = LoggerFactory.getLogger(EabKeysAtRest.class);
    private static final int BATCH = 500;

    private final AtRestCipher cipher;

    public EabKeysAtRest(AtRestCipher cipher) {
        this.cipher = cipher;
    }

    /** The value to store for {@code hmacKey} of the key {@code keyId}. */
    public String seal(byte[] hmacKey, String keyId) {
        return cipher.seal(hmacKey, keyId);
    }

    /**
     * The HMAC key from a stored value (sealed, or plain base64 from before the upgrade).
     *
     * @throws AtRestCipher.UnreadableSecretException when it cannot be opened
     */
    public byte[] open(String stored, String keyId) {
        return AtRestCipher.isSealed(stored) ? cipher.open(stored, keyId) : Base64.getDecoder().decode(stored);
    }

    /** Re-encrypts every plaintext key; returns how many. */
    public int sealPlaintextKeys(Database db) {
        int total = 0;
        while (true) {
            List<String[]> plain = db.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT key_id, hmac_key FROM acme_eab_keys "
                        + "WHERE hmac_key NOT LIKE 'enc:%' ORDER BY key_id LIMIT " + BATCH)) {
                    List<String[]> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new String[] {rs.getString(1), rs.getString(2)});
                        }
                    }
                    return out;
                }
            });
            if (plain.isEmpty()) {
                break;
            }
            for (String[] row : plain) {
                String sealed = cipher.seal(Base64.getDecoder().decode(row[1]), row[0]);
                total += db.withConnection(c -> {
                    try (PreparedStatement ps = c.prepareStatement(
                            "UPDATE acme_eab_keys SET hmac_key = ? WHERE key_id = ? AND hmac_key = ?")) {
                        ps.setString(1, sealed);
                        ps.setString(2, row[0]);
                        ps.setString(3, row[1]);
                        return ps.executeUpdate();
                    }
                });
            }
        }
        if (total > 0) {
            LOG.info("encrypted {} EAB HMAC key(s) that were stored in plain text (AES-256-GCM, key derived from the "
                    + "intermediate CA key)", total);
        }
        return total;
    }
}
