package dev.stile.db.revocations;

import dev.stile.authority.inventory.CertificateRecord;
import dev.stile.authority.inventory.Revocations;
import dev.stile.db.Database;
import dev.stile.db.TestDatabases;
import dev.stile.db.certificates.JdbcCertificateStore;
import dev.stile.core.Page;
import dev.stile.core.PageRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcRevocationsTest {

    static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    static CertificateRecord cert(String serial, Instant notAfter) {
        return new CertificateRecord(serial, "CN=a", List.of("dns:a"), T0.minusSeconds(60), notAfter, "admin", "JWK",
                "a", "EC-P256", "-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----\n", T0);
    }

    @ParameterizedTest
    @MethodSource("dev.stile.db.TestDatabases#backends")
    void revokesOnceAndListsUnexpiredRevocationsBySerial(Database.Kind kind) {
        try (TestDatabases.TestDatabase db = TestDatabases.open(kind)) {
            JdbcCertificateStore certs = new JdbcCertificateStore(db.database());
            JdbcRevocations revocations = new JdbcRevocations(db.database());
            for (int i = 1; i <= 5; i++) {
                certs.save(cert("a" + i, T0.plus(Duration.ofHours(24))));
            }
            certs.save(cert("b1", T0.minus(Duration.ofHours(5))));
            assertThat(revocations.revoke("a2", 1, T0)).isEqualTo(Revocations.Outcome.REVOKED);
            assertThat(revocations.revoke("a2", 4, T0)).isEqualTo(Revocations.Outcome.ALREADY_REVOKED);
            assertThat(revocations.revoke("ff", 0, T0)).isEqualTo(Revocations.Outcome.UNKNOWN_CERTIFICATE);
            revocations.revoke("a4", 0, T0);
            revocations.revoke("a5", 5, T0);
            revocations.revoke("b1", 0, T0);

            assertThat(revocations.find("a2").orElseThrow().reasonCode()).isEqualTo(1);
            assertThat(revocations.find("a2").orElseThrow().revokedAt()).isEqualTo(T0);
            assertThat(revocations.find("a1")).isEmpty();

            List<String> serials = new ArrayList<>();
            String cursor = "";
            do {
                Page<Revocations.Revoked> p = revocations.listRevoked(T0.minus(Duration.ofHours(1)), new PageRequest(cursor, 2));
                p.items().forEach(r -> serials.add(r.serialHex()));
                cursor = p.nextCursor();
            } while (!cursor.isEmpty());
            assertThat(serials).containsExactly("a2", "a4", "a5");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stile.db.TestDatabases#backends")
    void crlNumbersIncrease(Database.Kind kind) {
        try (TestDatabases.TestDatabase db = TestDatabases.open(kind)) {
            JdbcRevocations revocations = new JdbcRevocations(db.database());
            assertThat(revocations.nextCrlNumber()).isEqualTo(1);
            assertThat(revocations.nextCrlNumber()).isEqualTo(2);
        }
    }
}
