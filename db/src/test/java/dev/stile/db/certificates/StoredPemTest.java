package dev.stile.db.certificates;

import dev.stile.authority.inventory.CertificateRecord;
import dev.stile.db.Database;
import dev.stile.db.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** V22: certificates are stored as DER and read back as the exact PEM; older PEM rows still read. */
class StoredPemTest {

    /** Any DER-like bytes do: the column pair never parses the certificate. */
    private static final byte[] DER = new byte[700];

    static {
        for (int i = 0; i < DER.length; i++) {
            DER[i] = (byte) (i * 31 + 7);
        }
    }

    private static final String PEM = "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(DER)
            + "\n-----END CERTIFICATE-----\n";

    @Test
    void onlyAPemTheDerRebuildsExactlyIsStoredAsDer() {
        assertThat(StoredPem.derOf(PEM)).isEqualTo(DER);
        assertThat(StoredPem.pemOf(DER)).isEqualTo(PEM);
        assertThat(StoredPem.derOf(PEM.replace("\n", "\r\n"))).isNull();
        assertThat(StoredPem.derOf(PEM + PEM)).isNull();
        assertThat(StoredPem.derOf("-----BEGIN CERTIFICATE-----\nMII1a2b\n-----END CERTIFICATE-----\n")).isNull();
        assertThat(StoredPem.derOf("")).isNull();
    }

    @ParameterizedTest
    @MethodSource("dev.stile.db.TestDatabases#backends")
    void storesDerAndReadsTheSamePem(Database.Kind kind) {
        try (TestDatabases.TestDatabase db = TestDatabases.open(kind)) {
            JdbcCertificateStore store = new JdbcCertificateStore(db.database());
            CertificateRecord c = record("c0ffee", PEM);
            store.save(c);

            assertThat(store.findBySerial("c0ffee")).contains(c);
            db.database().withConnection(conn -> {
                try (PreparedStatement ps = conn.prepareStatement("SELECT pem, der FROM certificates WHERE serial = 'c0ffee'");
                     ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString("pem")).isNull();
                    assertThat(rs.getBytes("der")).isEqualTo(DER);
                }
                return null;
            });
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stile.db.TestDatabases#backends")
    void readsRowsWrittenBeforeTheDerColumn(Database.Kind kind) {
        try (TestDatabases.TestDatabase db = TestDatabases.open(kind)) {
            CertificateRecord c = record("beef", PEM);
            db.database().withConnection(conn -> {
                try (PreparedStatement ps = conn.prepareStatement("INSERT INTO certificates (serial, subject, sans, "
                        + "not_before, not_after, provisioner, provisioner_type, requester, key_type, pem, issued_at) "
                        + "VALUES ('beef', ?, ?, ?, ?, 'p', 'JWK', 'alice', 'EC-P256', ?, ?)")) {
                    ps.setString(1, c.subject());
                    ps.setString(2, String.join("\n", c.sans()));
                    ps.setObject(3, c.notBefore().atOffset(java.time.ZoneOffset.UTC));
                    ps.setObject(4, c.notAfter().atOffset(java.time.ZoneOffset.UTC));
                    ps.setString(5, PEM);
                    ps.setObject(6, c.issuedAt().atOffset(java.time.ZoneOffset.UTC));
                    return ps.executeUpdate();
                }
            });
            assertThat(new JdbcCertificateStore(db.database()).findBySerial("beef")).contains(c);
        }
    }

    private static CertificateRecord record(String serial, String pem) {
        Instant at = Instant.parse("2026-12-06T06:00:00Z");
        return new CertificateRecord(serial, "CN=a.example", List.of("dns:a.example"), at.minusSeconds(60),
                at.plusSeconds(86_400), "p", "JWK", "alice", "EC-P256", pem, at);
    }
}
