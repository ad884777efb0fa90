package dev.stile.db.retention;

import dev.stile.admin.retention.RetentionPolicy;
import dev.stile.admin.retention.Retention;
import dev.stile.db.inventory.JdbcTableStats;
import dev.stile.db.inventory.JdbcRenewalTracker;
import dev.stile.admin.inventory.RenewalGap;
import dev.stile.admin.inventory.RenewalTracker;
import dev.stile.admin.inventory.TableStats;
import dev.stile.authority.inventory.CertificateRecord;
import dev.stile.db.Database;
import dev.stile.db.certificates.JdbcCertificateStore;
import dev.stile.core.Page;
import dev.stile.core.PageRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RenewalAndRetentionTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final AtomicLong SERIALS = new AtomicLong(0x1000);

    private final Database db = Database.inMemory("ops-" + System.nanoTime());
    private final JdbcCertificateStore certificates = new JdbcCertificateStore(db);
    private final RenewalTracker tracker = new JdbcRenewalTracker(db);

    @AfterEach
    void close() {
        db.close();
    }

    private CertificateRecord issue(String name, Instant at, Duration lifetime) {
        String serial = Long.toHexString(SERIALS.incrementAndGet());
        CertificateRecord c = new CertificateRecord(serial, "CN=" + name, List.of("dns:" + name), at,
                at.plus(lifetime), "acme", "ACME", "acct", "EC-P256", "PEM", at);
        certificates.save(c);
        tracker.record(serial, List.of(name), c.notAfter(), at);
        return c;
    }

    @Test
    void flagsANameWhoseRenewalsStoppedAndClearsItAfterANewCertificate() {
        issue("steady.example", T0, Duration.ofHours(24));
        issue("stopped.example", T0.minus(Duration.ofHours(20)), Duration.ofHours(24));
        Instant now = T0.plus(Duration.ofHours(1));

        Page<RenewalGap> gaps = tracker.gaps(now.plus(Duration.ofHours(8)), PageRequest.first(10));
        assertThat(gaps.items()).extracting(RenewalGap::name).containsExactly("stopped.example");
        assertThat(tracker.countGaps(now.plus(Duration.ofHours(8)))).isEqualTo(1);

        issue("stopped.example", now, Duration.ofHours(24));
        assertThat(tracker.gaps(now.plus(Duration.ofHours(8)), PageRequest.first(10)).items()).isEmpty();
        assertThat(tracker.countGaps(now.plus(Duration.ofHours(8)))).isZero();
    }

    @Test
    void anOlderCertificateRecordedLaterDoesNotHideTheNewerOne() {
        CertificateRecord newer = issue("a.example", T0, Duration.ofHours(24));
        issue("a.example", T0.minus(Duration.ofDays(2)), Duration.ofHours(24));
        assertThat(tracker.gaps(T0.plus(Duration.ofHours(25)), PageRequest.first(10)).items())
                .extracting(RenewalGap::serial).containsExactly(newer.serial());
    }

    @Test
    void gapReportPagesThroughEveryNameOnce() {
        for (int i = 0; i < 25; i++) {
            issue("n" + i + ".example", T0.minus(Duration.ofHours(i % 3)), Duration.ofHours(1));
        }
        List<String> seen = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            Page<RenewalGap> p = tracker.gaps(T0.plus(Duration.ofDays(1)), new PageRequest(cursor, 7));
            p.items().forEach(g -> seen.add(g.name()));
            cursor = p.nextCursor();
            pages++;
        } while (!cursor.isEmpty());
        assertThat(pages).isEqualTo(4);
        assertThat(seen).hasSize(25).doesNotHaveDuplicates();
        assertThatThrownBy(() -> tracker.gaps(T0, new PageRequest("bogus!", 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nextCursor");
    }

    /** Issue 6: hourly renewal of one name for 200 days ends with a bounded number of rows. */
    @Test
    void hourlyRenewalOverTwoHundredDaysStaysBounded() {
        RetentionPolicy policy = new RetentionPolicy(Duration.ofDays(30), Duration.ofHours(1), Duration.ofHours(1),
                Duration.ofDays(7), Duration.ofDays(7), 100, Duration.ofHours(1));
        MovingClock clock = new MovingClock(T0);
        List<Integer> batches = new ArrayList<>();
        Retention retention = new JdbcRetention(db, policy, clock, (rule, n) -> batches.add(n));
        int hours = 200 * 24;
        for (int h = 0; h < hours; h++) {
            clock.now = T0.plus(Duration.ofHours(h));
            issue("renewing.example", clock.now, Duration.ofHours(24));
            if (h % 24 == 23) {
                retention.runOnce();
            }
        }
        long rows = new JdbcTableStats(db).rowCounts().get("certificates");
        // 7 days after expiry + 24 h lifetime + one day between runs, one certificate an hour.
        assertThat(rows).isBetween(7L * 24, 9L * 24 + 1);
        assertThat(new JdbcTableStats(db).rowCounts().get("certificate_names")).isEqualTo(rows);
        assertThat(new JdbcTableStats(db).rowCounts().get("latest_certificates")).isEqualTo(1);
        assertThat(batches).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(100));
        assertThat(tracker.countGaps(clock.now.plus(Duration.ofHours(8)))).isZero();
    }

    @Test
    void retentionDrainsABacklogInBatchesAndKeepsWhatIsStillNeeded() {
        for (int i = 0; i < 250; i++) {
            issue("old" + i + ".example", T0.minus(Duration.ofDays(100)), Duration.ofHours(24));
        }
        CertificateRecord fresh = issue("fresh.example", T0, Duration.ofHours(24));
        List<Integer> batches = new ArrayList<>();
        RetentionPolicy policy = new RetentionPolicy(Duration.ofDays(30), Duration.ofHours(1), Duration.ofHours(1),
                Duration.ofDays(90), Duration.ofDays(7), 100, Duration.ofMinutes(10));
        JdbcRetention retention = new JdbcRetention(db, policy, Clock.fixed(T0, ZoneOffset.UTC),
                (rule, n) -> { if (rule.equals("certificates")) { batches.add(n); } });
        Map<String, Long> deleted = retention.runOnce();
        assertThat(deleted).containsEntry("certificates", 250L).containsEntry("renewal_watch", 250L);
        assertThat(batches).containsExactly(100, 100, 50);
        assertThat(certificates.findBySerial(fresh.serial())).isPresent();
        assertThat(retention.rules()).extracting(RetentionRule::name)
                .contains("certificates", "renewal_watch", "validation_failures");
        assertThat(retention.runOnce().values()).allMatch(n -> n == 0);
    }

    private static final class MovingClock extends Clock {
        Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
