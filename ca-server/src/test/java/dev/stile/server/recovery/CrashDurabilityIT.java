package dev.stile.server.recovery;

import dev.stile.server.testsupport.PostgresSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10, "nothing issued is ever lost": the real jar, under ACME and {@code /1.0/sign} load, is
 * killed with SIGKILL {@value #KILLS} times on H2 and on PostgreSQL and started again each time.
 * Then every certificate a client received is in the inventory, the database opened every time,
 * and no order is left {@code processing} (the reconciler made each finalize the kill interrupted
 * valid or ready again). Before WRITE_DELAY=0, H2 lost the certificates of the last ~half second.
 */
class CrashDurabilityIT {

    static final int KILLS = 5;

    @TempDir
    Path dir;

    @Test
    void h2KeepsEveryCertificateThroughKills() throws Exception {
        try (RecoveryCa ca = new RecoveryCa(dir)) {
            RecoveryCa.Node node = ca.node("h2", ca.h2());
            Result r = crashUnderLoad(ca, node);
            // H2 is embedded: read the file once the server has stopped.
            String url = "jdbc:h2:file:" + dir.resolve("db/stile") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
            // The H2 file is protected by the password in its .credential file (secrets at rest).
            String password = java.nio.file.Files.readString(dir.resolve("db/stile.credential")).trim();
            try (Connection c = DriverManager.getConnection(url, "", password)) {
                check(r, strings(c, "SELECT serial FROM certificates"),
                        count(c, "SELECT COUNT(*) FROM acme_orders WHERE status = 'processing'"));
            }
        }
    }

    @Test
    void postgresqlKeepsEveryCertificateThroughKills() throws Exception {
        try (RecoveryCa ca = new RecoveryCa(dir); PostgresSchema pg = new PostgresSchema()) {
            RecoveryCa.Node node = ca.node("postgresql", pg.db());
            Result r = crashUnderLoad(ca, node);
            check(r, pg.strings("SELECT serial FROM certificates"),
                    pg.count("SELECT COUNT(*) FROM acme_orders WHERE status = 'processing'"));
        }
    }

    private record Result(Set<String> received, List<Duration> restarts, Duration reconciled, List<String> unsettled,
                          String serverLog) {
    }

    private static Result crashUnderLoad(RecoveryCa ca, RecoveryCa.Node node) throws Exception {
        StileProcess server = StileProcess.start(ca, node);
        List<Duration> restarts = new ArrayList<>();
        LoadClients load = new LoadClients(ca, node, 2);
        try {
            for (int kill = 1; kill <= KILLS; kill++) {
                load.start(2);
                Thread.sleep(ThreadLocalRandom.current().nextLong(1_500, 3_000));
                server.kill9();
                load.stop();
                // "The database opens every time": start() fails the test if the server does not come up.
                restarts.add(server.start());
            }
            // A finalize the kill interrupted left its order processing; within the reconciler's
            // deadline (10 s) it must be valid (its certificate was stored) or ready again.
            long t0 = System.nanoTime();
            List<String> unsettled = new ArrayList<>();
            for (Order order : load.inDoubt) {
                String problem = awaitSettled(order, t0 + Duration.ofSeconds(40).toNanos());
                if (problem != null) {
                    unsettled.add(problem);
                }
            }
            Duration reconciled = Duration.ofNanos(System.nanoTime() - t0);
            System.out.printf("%s: %d kills, %d certificates received, %d finalizes in doubt, restarts %s, "
                            + "in-doubt orders settled %d ms after the last restart%n", node.name(), KILLS,
                    load.received.size(), load.inDoubt.size(), restarts, reconciled.toMillis());
            return new Result(Set.copyOf(load.received), restarts, reconciled, unsettled, server.tail());
        } finally {
            server.close();
            String log = server.log();
            assertThat(log).as("server log").doesNotContain("\tat ");
        }
    }

    /** Polls the order until it is no longer processing; null when it settled, else what was last seen. */
    private static String awaitSettled(Order order, long deadlineNanos) throws Exception {
        String last = "processing";
        while (true) {
            try {
                order.fetch();
                if (order.getStatus() != Status.PROCESSING) {
                    return null;
                }
                last = "processing";
            } catch (Exception e) {
                last = "fetch failed: " + e;
            }
            if (System.nanoTime() > deadlineNanos) {
                return order.getLocation() + ": " + last;
            }
            Thread.sleep(250);
        }
    }

    private static void check(Result r, Set<String> inventory, long processing) {
        assertThat(r.received()).as("certificates received by clients").hasSizeGreaterThanOrEqualTo(10);
        Set<String> lost = new HashSet<>(r.received());
        lost.removeAll(inventory);
        assertThat(lost).as("certificates clients received that the inventory does not hold (of %d)",
                r.received().size()).isEmpty();
        assertThat(r.unsettled()).as("orders a client saw that were not valid or ready 40 s after the last restart "
                + "(gone, or still processing); server log:\n" + r.serverLog()).isEmpty();
        assertThat(processing).as("orders left processing").isZero();
    }

    private static Set<String> strings(Connection c, String sql) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
