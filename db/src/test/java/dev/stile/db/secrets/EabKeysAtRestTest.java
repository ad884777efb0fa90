package dev.stile.db.secrets;

import dev.stile.acme.store.EabKey;
import dev.stile.db.Database;
import dev.stile.db.acme.JdbcEabKeyStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** EAB HMAC keys encrypted at rest, and the upgrade of keys stored in plain text by older versions. */
class EabKeysAtRestTest {

    private final dev.stile.db.TestDatabases.TestDatabase test = dev.stile.db.TestDatabases.open(Database.Kind.H2);
    private Database db = test.database();

    @AfterEach
    void close() {
        test.close();
    }

    private static PrivateKey caKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return g.generateKeyPair().getPrivate();
    }

    private String stored(String keyId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT hmac_key FROM acme_eab_keys WHERE key_id = ?")) {
                ps.setString(1, keyId);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    private void insertPlain(String keyId, byte[] hmac) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO acme_eab_keys (key_id, provisioner, hmac_key, "
                    + "created_at) VALUES (?, 'acme', ?, CURRENT_TIMESTAMP)")) {
                ps.setString(1, keyId);
                ps.setString(2, Base64.getEncoder().encodeToString(hmac));
                return ps.executeUpdate();
            }
        });
    }

    @Test
    void keysAreStoredSealedAndReadBack() throws Exception {
        EabKeysAtRest atRest = new EabKeysAtRest(AtRestCipher.derivedFrom(caKey(), "acme-eab-hmac"));
        JdbcEabKeyStore store = new JdbcEabKeyStore(db, atRest);
        byte[] hmac = "0123456789abcdef0123456789abcdef".getBytes();

        store.save(new EabKey("kid-1", "acme", hmac, null, Instant.now()));

        assertThat(stored("kid-1")).startsWith("enc:v1:").doesNotContain(Base64.getEncoder().encodeToString(hmac));
        assertThat(store.find("kid-1")).hasValueSatisfying(k -> assertThat(k.hmacKey()).isEqualTo(hmac));
    }

    /** The upgrade on both backends: it is SQL that runs against every deployed database. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("dev.stile.db.TestDatabases#backends")
    void plaintextKeysOfAnOlderVersionAreReEncryptedOnceAndStayUsable(Database.Kind kind) throws Exception {
        try (dev.stile.db.TestDatabases.TestDatabase backend = dev.stile.db.TestDatabases.open(kind)) {
            db = backend.database();
            upgrade();
        }
    }

    private void upgrade() throws Exception {
        EabKeysAtRest atRest = new EabKeysAtRest(AtRestCipher.derivedFrom(caKey(), "acme-eab-hmac"));
        byte[] hmac = new byte[32];
        hmac[0] = 7;
        insertPlain("old-1", hmac);
        insertPlain("old-2", hmac);
        JdbcEabKeyStore store = new JdbcEabKeyStore(db, atRest);
        assertThat(store.find("old-1")).isPresent(); // readable before the upgrade too

        assertThat(atRest.sealPlaintextKeys(db)).isEqualTo(2);
        assertThat(atRest.sealPlaintextKeys(db)).isZero();

        assertThat(stored("old-1")).startsWith("enc:v1:");
        assertThat(store.find("old-2")).hasValueSatisfying(k -> assertThat(k.hmacKey()).isEqualTo(hmac));
    }

    @Test
    void aKeySealedUnderAnotherCaKeyIsUnknownNotAFailure() throws Exception {
        byte[] hmac = new byte[32];
        new JdbcEabKeyStore(db, new EabKeysAtRest(AtRestCipher.derivedFrom(caKey(), "acme-eab-hmac")))
                .save(new EabKey("kid-2", "acme", hmac, null, Instant.now()));

        JdbcEabKeyStore afterRotation = new JdbcEabKeyStore(db,
                new EabKeysAtRest(AtRestCipher.derivedFrom(caKey(), "acme-eab-hmac")));

        assertThat(afterRotation.find("kid-2")).isEmpty();
    }

    @Test
    void aSealedValueIsBoundToItsRow() throws Exception {
        AtRestCipher cipher = AtRestCipher.derivedFrom(caKey(), "acme-eab-hmac");
        String sealed = cipher.seal(new byte[] {1, 2, 3}, "row-a");

        assertThat(cipher.open(sealed, "row-a")).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> cipher.open(sealed, "row-b")).isInstanceOf(AtRestCipher.UnreadableSecretException.class)
                .hasMessageContaining("copied from another row");
    }
}
