package dev.stile.db.certificates;

import dev.stile.authority.inventory.CertificateQuery;
import dev.stile.authority.inventory.CertificateRecord;
import dev.stile.db.Database;
import dev.stile.db.StoreException;
import dev.stile.db.TestDatabases;
import dev.stile.core.Page;
import dev.stile.core.PageRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcCertificateStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00.123456Z");

    static CertificateRecord cert(String serial, String cn, String provisioner, Instant issuedAt, String... sans) {
        return new CertificateRecord(serial, "CN=" + cn + ",O=Test", List.of(sans), issuedAt.minusSeconds(60),
                issuedAt.plus(Duration.ofHours(24)), provisioner, "JWK", "alice", "EC-P256",
                "-----BEGIN CERTIFICATE-----\nMII" + serial + "\n-----END CERTIFICATE-----\n", issuedAt);
    }

    @ParameterizedTest
    @MethodSource("dev.stile.db.TestDatabases#backends")
    void savesAndFindsBySerial(Database.Kind kind) {
        try (TestDatabases.TestDatabase db = TestDatabases.open(kind)) {
            JdbcCertificateStore store = new JdbcCertificateStore(db.database());
            CertificateRecord c = cert("1a2b", "web.example", "admin", T0, "dns:web.example", "ip:10.0.0.1");
            store.save(c);

            assertThat(store.findBySerial("1a2b")).contains(c);
            assertThat(store.findBySerial("001A2B")).contains(c);
            assertThat(store.findBySerial("ffff")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stile.db.TestDatabases#backends")
    void keepsTheAcmeProfile(Database.Kind kind) {
        try (TestDatabases.TestDatabase db = TestDatabases.open(kind)) {
            JdbcCertificateStore store = new JdbcCertificateStore(db.database());
            CertificateRecord plain = cert("b1", "a.example", "acme", T0, "dns:a.example");
            CertificateRecord shortLived = new CertificateRecord("b2", plain.subject(), plain.sans(),
                    plain.notBefore(), plain.notAfter(), "acme", "ACME", "acct", "EC-P256", plain.pem(), T0,
                    "shortlived");
            store.save(plain);
            store.save(shortLived);

            assertThat(store.findBySerial("b1").orElseThrow().profile()).isNull();
            assertThat(store.findBySerial("b2")).contains(shortLived);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stile.db.TestDatabases#backends")
    void refusesADuplicateSerial(Database.Kind kind) {
        try (TestDatabases.TestDatabase db = TestDatabases.open(kind)) {
            JdbcCertificateStore store = new JdbcCertificateStore(db.database());
            store.save(cert("aa", "a", "admin", T0, "dns:a"));
            assertThatThrownBy(() -> store.save(cert("aa", "b", "admin", T0, "dns:b")))
                    .isInstanceOf(StoreException.class);
            assertThat(store.findBySerial("aa").orElseThrow().subject()).isEqualTo("CN=a,O=Test");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stile.db.TestDatabases#backends")
    void listsNewestFirstAcrossPagesWithoutGapsOrRepeats(Database.Kind kind) {
        try (TestDatabases.TestDatabase db = TestDatabases.open(kind)) {
            JdbcCertificateStore store = new JdbcCertificateStore(db.database());
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 23; i++) {
                // Pairs share a timestamp so the serial tie-break of the cursor is exercised.
                Instant at = T0.plusSeconds(i / 2);
                String serial = String.format("%x", 0x100 + i);
                store.save(cert(serial, "h" + i, "admin", at, "dns:h" + i + ".example"));
                expected.add(0, serial);
            }

            List<String> seen = new ArrayList<>();
            PageRequest request = PageRequest.first(5);
            int pages = 0;
            while (true) {
                Page<CertificateRecord> page = store.list(CertificateQuery.all(), request);
                pages++;
                assertThat(page.items()).hasSizeLessThanOrEqualTo(5);
                page.items().forEach(c -> seen.add(c.serial()));
                if (page.isLast()) {
                    break;
                }
                request = new PageRequest(page.nextCursor(), 5);
            }
            assertThat(pages).isEqualTo(5);
            assertThat(seen).containsExactlyElementsOf(expected);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stile.db.TestDatabases#backends")
    void filtersByNameProvisionerAndExpiry(Database.Kind kind) {
        try (TestDatabases.TestDatabase db = TestDatabases.open(kind)) {
            JdbcCertificateStore store = new JdbcCertificateStore(db.database());
            store.save(cert("1", "www.example", "admin", T0, "dns:www.example", "dns:api.example"));
            store.save(cert("2", "other", "acme", T0.plusSeconds(1), "dns:Other.Example"));
            store.save(cert("3", "api.example", "acme", T0.plusSeconds(2), "dns:api.example"));

            assertThat(serials(store.list(new CertificateQuery("API.example", null, null), PageRequest.first(10))))
                    .containsExactly("3", "1");
            assertThat(serials(store.list(new CertificateQuery("other.example", null, null), PageRequest.first(10))))
                    .containsExactly("2");
            assertThat(serials(store.list(new CertificateQuery("www.example", null, null), PageRequest.first(10))))
                    .as("the subject CN counts as a name").containsExactly("1");
            assertThat(serials(store.list(new CertificateQuery(null, "acme", null), PageRequest.first(10))))
                    .containsExactly("3", "2");
            assertThat(serials(store.list(new CertificateQuery("api.example", "acme", null), PageRequest.first(10))))
                    .containsExactly("3");
            Instant cutoff = T0.plus(Duration.ofHours(24)).plusMillis(1500);
            assertThat(serials(store.list(new CertificateQuery(null, null, cutoff), PageRequest.first(10))))
                    .containsExactly("2", "1");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stile.db.TestDatabases#backends")
    void rejectsACursorItNeverIssued(Database.Kind kind) {
        try (TestDatabases.TestDatabase db = TestDatabases.open(kind)) {
            JdbcCertificateStore store = new JdbcCertificateStore(db.database());
            assertThatThrownBy(() -> store.list(CertificateQuery.all(), new PageRequest("not a cursor", 5)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cursor");
        }
    }

    private static List<String> serials(Page<CertificateRecord> page) {
        List<String> out = new ArrayList<>();
        page.items().forEach(c -> out.add(c.serial()));
        return out;
    }
}
