package dev.stile.db.admin;

import dev.stile.db.inventory.JdbcValidationFailureLog;
import dev.stile.db.inventory.JdbcDashboardQueries;
import dev.stile.admin.AdminSession;
import dev.stile.admin.inventory.DashboardQueries;
import dev.stile.admin.inventory.ValidationFailure;
import dev.stile.admin.inventory.ValidationFailureLog;
import dev.stile.authority.inventory.CertificateRecord;
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

/** {@code admin_sessions} (V16) and the dashboard's queries, on H2 and PostgreSQL. */
class AdminSessionsAndDashboardTest {

    static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    private static AdminSession session(String id, String kind, Instant expires) {
        return new AdminSession(id, kind, "admin-1", "step", kind.equals(AdminSession.CONSOLE) ? "csrf" : null, T0,
                expires, null, null);
    }

    @ParameterizedTest
    @MethodSource("dev.stile.db.TestDatabases#backends")
    void linksAreRedeemedOnceSessionsEndWhenRevokedOrExpiredAndOldRowsArePurged(Database.Kind kind) {
        try (TestDatabases.TestDatabase db = TestDatabases.open(kind)) {
            JdbcAdminSessions sessions = new JdbcAdminSessions(db.database());
            sessions.insert(session("link-1", AdminSession.LINK, T0.plusSeconds(300)), "hash-link-1");
            sessions.insert(session("link-2", AdminSession.LINK, T0.plusSeconds(300)), "hash-link-2");
            sessions.insert(session("cli-1", AdminSession.CLI, T0.plus(Duration.ofHours(1))), "hash-cli-1");
            sessions.insert(session("con-1", AdminSession.CONSOLE, T0.plus(Duration.ofHours(2))), "hash-con-1");

            // A link is not a session, and a session is not a link.
            assertThat(sessions.findLive("hash-link-1", T0)).isEmpty();
            assertThat(sessions.redeemLink("hash-cli-1", T0)).isEmpty();
            assertThat(sessions.redeemLink("hash-link-1", T0).orElseThrow().id()).isEqualTo("link-1");
            assertThat(sessions.redeemLink("hash-link-1", T0)).isEmpty();
            assertThat(sessions.redeemLink("hash-link-2", T0.plusSeconds(300))).isEmpty();

            assertThat(sessions.findLive("hash-cli-1", T0.plusSeconds(10)).orElseThrow().subject()).isEqualTo("step");
            assertThat(sessions.findLive("hash-con-1", T0).orElseThrow().csrfToken()).isEqualTo("csrf");
            assertThat(sessions.findLive("hash-cli-1", T0.plus(Duration.ofHours(1)))).isEmpty();
            assertThat(sessions.revoke("con-1", T0.plusSeconds(20))).isTrue();
            assertThat(sessions.revoke("con-1", T0.plusSeconds(21))).isFalse();
            assertThat(sessions.findLive("hash-con-1", T0.plusSeconds(30))).isEmpty();

            List<String> live = new ArrayList<>();
            String cursor = "";
            do {
                Page<AdminSession> p = sessions.listLive(T0.plusSeconds(30), new PageRequest(cursor, 1));
                p.items().forEach(s -> live.add(s.id()));
                cursor = p.nextCursor();
            } while (!cursor.isEmpty());
            assertThat(live).containsExactly("cli-1", "link-2");

            assertThat(sessions.purgeExpired(T0.plus(Duration.ofMinutes(10)))).isEqualTo(2);
            assertThat(sessions.find("link-1")).isEmpty();
            assertThat(sessions.find("cli-1")).isPresent();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stile.db.TestDatabases#backends")
    void dashboardCountsExpiryIssuancePerHourAndFailuresByCause(Database.Kind kind) {
        try (TestDatabases.TestDatabase db = TestDatabases.open(kind)) {
            JdbcCertificateStore certs = new JdbcCertificateStore(db.database());
            certs.save(cert("a1", T0.minus(Duration.ofHours(30)), T0.plus(Duration.ofHours(2))));
            certs.save(cert("a2", T0.minus(Duration.ofMinutes(30)), T0.plus(Duration.ofDays(3))));
            certs.save(cert("a3", T0.minus(Duration.ofMinutes(20)), T0.plus(Duration.ofDays(30))));
            certs.save(cert("a4", T0.minus(Duration.ofDays(9)), T0.minus(Duration.ofHours(1))));
            DashboardQueries q = new JdbcDashboardQueries(db.database());

            assertThat(q.countExpiring(T0, T0.plus(Duration.ofHours(24)))).isEqualTo(1);
            assertThat(q.countExpiring(T0, T0.plus(Duration.ofDays(7)))).isEqualTo(2);
            long[] perHour = q.issuedPerHour(T0, 168);
            assertThat(perHour[167]).isEqualTo(2);
            assertThat(perHour[168 - 30]).isEqualTo(1);
            assertThat(java.util.Arrays.stream(perHour).sum()).isEqualTo(3);

            ValidationFailureLog log = new JdbcValidationFailureLog(db.database());
            String problem = "{\"type\":\"urn:ietf:params:acme:error:dns\",\"detail\":\"no TXT record\"}";
            log.append(new ValidationFailure(0, T0.minus(Duration.ofHours(30)), "dns-01", "old.example", "dns", true, problem));
            log.append(new ValidationFailure(0, T0.minusSeconds(60), "dns-01", "a.example", "dns", true, problem));
            log.append(new ValidationFailure(0, T0.minusSeconds(30), "dns-01", "b.example", "dns", false, problem));
            log.append(new ValidationFailure(0, T0.minusSeconds(10), "http-01", "c.example", "connection", true,
                    "{\"detail\":\"connection refused\"}"));
            List<DashboardQueries.FailureGroup> groups = q.failuresByCause(T0.minus(Duration.ofHours(24)));
            assertThat(groups).hasSize(2);
            assertThat(groups.get(0).outcome()).isEqualTo("dns");
            assertThat(groups.get(0).count()).isEqualTo(2);
            assertThat(groups.get(0).latestIdentifier()).isEqualTo("b.example");
            assertThat(groups.get(1).latestProblemJson()).contains("connection refused");

            assertThat(q.acmeOrigin("a1")).isEmpty();
        }
    }

    private static CertificateRecord cert(String serial, Instant issuedAt, Instant notAfter) {
        return new CertificateRecord(serial, "CN=" + serial, List.of("dns:" + serial + ".example"), issuedAt, notAfter,
                "acme", "ACME", "test", "EC-P256", "-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----\n",
                issuedAt);
    }
}
