package dev.stile.db.retention;

import dev.stile.admin.retention.RetentionPolicy;
import dev.stile.admin.retention.Retention;
import dev.stile.db.inventory.JdbcRenewalTracker;
import dev.stile.admin.inventory.RenewalGap;
import dev.stile.admin.inventory.RenewalTracker;
import dev.stile.acme.nonce.NonceService;
import dev.stile.acme.testing.MutableClock;
import dev.stile.db.Database;
import dev.stile.db.TestDatabases;
import dev.stile.core.PageRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6, "done when": a simulated hourly renewal over 200 days (4,800 orders for one name) ends
 * with a bounded number of rows. One client renews {@value #NAME} every simulated hour through the
 * real ACME services and JDBC stores ({@link SimulatedAcmeServer}); one authorization in
 * {@value #FAIL_EVERY} fails, so about 1 % of the orders end invalid. The real {@link Retention}
 * with the default settings ({@link RetentionPolicy#defaults()}) runs after every simulated hour, as
 * the scheduler would (its default interval is shorter). The row count of every table must stay
 * within what the retention settings imply, and be flat: the same at day 100 as at day 200.
 */
class HourlyRenewalSimulationTest {

    private static final Logger LOG = LoggerFactory.getLogger(HourlyRenewalSimulationTest.class);
    private static final String NAME = "app.example.test";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final int DAYS = 200;
    private static final int FAIL_EVERY = 5;

    @ParameterizedTest
    @MethodSource("dev.stile.db.TestDatabases#backends")
    void hourlyRenewalForTwoHundredDaysEndsWithBoundedFlatRowCounts(Database.Kind kind) throws Exception {
        RetentionPolicy policy = RetentionPolicy.defaults();
        MutableClock clock = new MutableClock(T0);
        Map<RenewingClient.Result, Integer> results = new EnumMap<>(RenewingClient.Result.class);
        List<Integer> batches = new ArrayList<>();
        long started = System.nanoTime();
        long startedCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        try (TestDatabases.TestDatabase test = TestDatabases.open(kind);
             SimulatedAcmeServer server = new SimulatedAcmeServer(test.database(), clock)) {
            Database db = test.database();
            Retention retention = new JdbcRetention(db, policy, clock, (rule, n) -> batches.add(n));
            RenewingClient client = new RenewingClient(server, clock, NAME, FAIL_EVERY);
            client.register();
            Map<String, Long> atDay100 = null;
            for (int hour = 1; hour <= DAYS * 24; hour++) {
                clock.set(T0.plus(Duration.ofHours(hour)));
                results.merge(client.renew(), 1, Integer::sum);
                client.spendOneTimeToken();
                retention.runOnce();
                if (hour == 100 * 24) {
                    atDay100 = rowCounts(db);
                }
            }
            Map<String, Long> atDay200 = rowCounts(db);
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            long cpuSeconds = Duration.ofNanos(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - startedCpu)
                    .toSeconds();
            LOG.info("{}: 200 days of hourly renewal in {} s ({} s CPU in the test thread); {}; rows at day 100 {}, "
                    + "at day 200 {}", kind, seconds, cpuSeconds, results, atDay100, atDay200);

            int orders = DAYS * 24;
            int failed = results.getOrDefault(RenewingClient.Result.ORDER_INVALID, 0);
            assertThat(failed).as("failed orders, about 1 %%").isBetween(orders / 200, orders / 50);
            assertThat(results.get(RenewingClient.Result.ISSUED_WITH_NEW_AUTHORIZATION))
                    .as("new authorizations: one a day when the 24 h authorization is not reused")
                    .isBetween(DAYS - failed, DAYS + failed + 1);
            assertBoundedByRetention(atDay200, policy);
            assertFlat(atDay100, atDay200);
            assertThat(batches).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(policy.batchSize()));
            RenewalTracker tracker = new JdbcRenewalTracker(db);
            assertThat(tracker.countGaps(clock.instant().plus(Duration.ofHours(8)))).isZero();
            assertThat(tracker.gaps(clock.instant().plus(Duration.ofDays(2)), PageRequest.first(10)).items())
                    .extracting(RenewalGap::name).containsExactly(NAME);
            // About 30 s on an idle 2-core machine; the bound only catches work that grows with the
            // history (a scan per renewal), not a busy machine.
            assertThat(seconds).as("runtime of the simulation on " + kind).isLessThan(180);
        }
    }

    /** Each bound is "rows created per hour × hours the rule keeps them" plus one run's slack. */
    private static void assertBoundedByRetention(Map<String, Long> rows, RetentionPolicy policy) {
        long certificateHours = policy.certificates().plus(Duration.ofHours(24)).toHours(); // 24 h lifetime
        long orderHours = policy.orders().plus(Duration.ofHours(24)).toHours(); // expires <= 24 h after creation
        long orderDays = orderHours / 24 + 1;
        assertThat(rows.get("certificates")).as("certificates").isBetween(certificateHours * 97 / 100, certificateHours + 1);
        assertThat(rows.get("acme_certificates")).as("acme_certificates").isEqualTo(rows.get("certificates"));
        assertThat(rows.get("certificate_names")).as("certificate_names").isEqualTo(rows.get("certificates"));
        assertThat(rows.get("latest_certificates")).as("latest_certificates").isEqualTo(1);
        assertThat(rows.get("acme_orders")).as("acme_orders").isBetween(orderHours - 24, orderHours + 1);
        assertThat(rows.get("acme_order_authorizations")).as("acme_order_authorizations")
                .isEqualTo(rows.get("acme_orders"));
        // one authorization a day, plus one more for every failed one (at most one in FAIL_EVERY)
        long authzBound = orderDays * FAIL_EVERY / (FAIL_EVERY - 1) + 2;
        assertThat(rows.get("acme_authorizations")).as("acme_authorizations").isBetween(orderDays - 2, authzBound);
        assertThat(rows.get("acme_challenges")).as("acme_challenges: three per authorization")
                .isEqualTo(3 * rows.get("acme_authorizations"));
        long nonceHours = NonceService.DEFAULT_LIFETIME.plus(policy.nonces()).toHours();
        // One replay record per POST of a renewal (about six), kept until the nonce expired plus retention.
        assertThat(rows.get("acme_nonces")).as("acme_nonces: the used nonces of the last renewals until retention")
                .isBetween(1L, 10 * (nonceHours + 1));
        assertThat(rows.get("used_tokens")).as("used_tokens").isBetween(1L, policy.tokens().toHours() + 2);
        assertThat(rows.get("validation_failures")).as("validation_failures")
                .isBetween(0L, policy.validationFailures().toDays() + 1);
        assertThat(rows.get("acme_accounts")).as("acme_accounts").isEqualTo(1);
    }

    /** The state must stop growing once every rule's window is full: day 200 looks like day 100. */
    private static void assertFlat(Map<String, Long> atDay100, Map<String, Long> atDay200) {
        assertThat(atDay200.keySet()).isEqualTo(atDay100.keySet());
        for (Map.Entry<String, Long> e : atDay200.entrySet()) {
            long before = atDay100.get(e.getKey());
            long margin = Math.max(3, before / 50);
            assertThat(e.getValue()).as("rows of %s at day 200 vs day 100 (%d)", e.getKey(), before)
                    .isBetween(before - margin, before + margin);
        }
    }

    /** Exact row counts of every table of the database's current schema (not the PostgreSQL estimate). */
    private static Map<String, Long> rowCounts(Database db) {
        return db.withConnection(conn -> {
            Map<String, Long> counts = new TreeMap<>();
            for (String table : tables(conn)) {
                try (PreparedStatement ps = conn.prepareStatement("SELECT COUNT(*) FROM " + table);
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
            return counts;
        });
    }

    private static List<String> tables(Connection conn) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = conn.getMetaData().getTables(null, conn.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String table = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (!table.startsWith("flyway")) {
                    names.add(table);
                }
            }
        }
        return names;
    }
}
