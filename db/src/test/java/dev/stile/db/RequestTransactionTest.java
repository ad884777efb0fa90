package dev.stile.db;

import dev.stile.acme.testing.MutableClock;
import dev.stile.db.acme.JdbcNonceStore;
import dev.stile.db.limits.RateBuckets;
import dev.stile.db.limits.RateLimit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Database#inOneTransaction}, on H2 and PostgreSQL: store calls join one transaction on one
 * connection, a failed inner transaction leaves nothing of itself behind, refusals commit, other
 * failures roll everything back, and the nonce replay record and rate limit buckets join it.
 */
class RequestTransactionTest {

    private static final RateLimit TWO_PER_HOUR = new RateLimit("test", 2, Duration.ofHours(1));

    /** The refusal a request answers after recording what led to it (an AcmeException in the server). */
    private static final class Refused extends RuntimeException {
        Refused() {
            super("refused");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stile.db.TestDatabases#backends")
    void okStoreCallsJoinOneTransactionCommittedOnce(Database.Kind kind) {
        try (TestDatabases.TestDatabase t = TestDatabases.open(kind)) {
            Database db = t.database();
            AtomicInteger connections = new AtomicInteger();
            db.inOneTransaction(() -> {
                java.sql.Connection first = db.withConnection(c -> c);
                insert(db, "a");
                java.sql.Connection inner = db.inTransaction(c -> {
                    insertOn(c, "b");
                    return c;
                });
                assertThat((Object) inner).isSameAs(first);
                assertThat((Object) db.withConnection(c -> c)).isSameAs(first);
                assertThat(db.inRequestTransaction()).isTrue();
                connections.incrementAndGet();
                return null;
            }, e -> false);
            assertThat(db.inRequestTransaction()).isFalse();
            assertThat(count(db)).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stile.db.TestDatabases#backends")
    void okAFailedInnerTransactionLeavesNothingWhenTheCallerHandlesIt(Database.Kind kind) {
        try (TestDatabases.TestDatabase t = TestDatabases.open(kind)) {
            Database db = t.database();
            db.inOneTransaction(() -> {
                insert(db, "kept");
                assertThatThrownBy(() -> db.inTransaction(c -> {
                    insertOn(c, "half");
                    return insertOn(c, "kept"); // duplicate key: the inner transaction fails
                })).isInstanceOf(StoreException.class);
                insert(db, "after"); // on PostgreSQL only possible once rolled back to the savepoint
                return null;
            }, e -> false);
            assertThat(names(db)).isEqualTo("after,kept");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stile.db.TestDatabases#backends")
    void okARefusalCommitsAndAFailureRollsBack(Database.Kind kind) {
        try (TestDatabases.TestDatabase t = TestDatabases.open(kind)) {
            Database db = t.database();
            assertThatThrownBy(() -> db.inOneTransaction(() -> {
                insert(db, "recorded");
                throw new Refused();
            }, e -> e instanceof Refused)).isInstanceOf(Refused.class);
            assertThatThrownBy(() -> db.inOneTransaction(() -> {
                insert(db, "lost");
                throw new IllegalStateException("unexpected");
            }, e -> e instanceof Refused)).isInstanceOf(IllegalStateException.class);
            assertThat(names(db)).isEqualTo("recorded");
            assertThat(db.inRequestTransaction()).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stile.db.TestDatabases#backends")
    void okANonceIsRedeemedOnceInsideRequestTransactions(Database.Kind kind) {
        try (TestDatabases.TestDatabase t = TestDatabases.open(kind)) {
            Database db = t.database();
            JdbcNonceStore nonces = new JdbcNonceStore(db);
            Instant expires = Instant.now().plusSeconds(3600);
            assertThat(db.inOneTransaction(() -> nonces.markUsed("n1", expires), e -> false)).isTrue();
            assertThat(db.inOneTransaction(() -> {
                boolean replay = nonces.markUsed("n1", expires);
                insert(db, "after-replay"); // the refused replay did not break the transaction
                return replay;
            }, e -> false)).isFalse();
            assertThat(names(db)).isEqualTo("after-replay");
            // A request that fails gives its nonce back with everything else it did.
            assertThatThrownBy(() -> db.inOneTransaction(() -> {
                nonces.markUsed("n2", expires);
                throw new IllegalStateException("unexpected");
            }, e -> false)).isInstanceOf(IllegalStateException.class);
            assertThat(nonces.markUsed("n2", expires)).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stile.db.TestDatabases#backends")
    void okRateLimitBucketsJoinTheRequestAndAreCountedOnce(Database.Kind kind) {
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        try (TestDatabases.TestDatabase t = TestDatabases.open(kind)) {
            Database db = t.database();
            RateBuckets buckets = new RateBuckets(db, clock);
            assertThat(db.inOneTransaction(() -> buckets.tryConsume(TWO_PER_HOUR, "k").allowed(), e -> false)).isTrue();
            assertThatThrownBy(() -> db.inOneTransaction(() -> {
                buckets.tryConsume(TWO_PER_HOUR, "k");
                throw new IllegalStateException("unexpected");
            }, e -> false)).isInstanceOf(IllegalStateException.class);
            assertThat(db.inOneTransaction(() -> buckets.tryConsume(TWO_PER_HOUR, "k").allowed(), e -> false))
                    .as("the rolled-back request counted nothing").isTrue();
            assertThat(db.inOneTransaction(() -> buckets.tryConsume(TWO_PER_HOUR, "k").allowed(), e -> false)).isFalse();
        }
    }

    private static void insert(Database db, String name) {
        db.withConnection(c -> insertOn(c, name));
    }

    private static int insertOn(java.sql.Connection c, String name) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO schema_info (name, value) VALUES (?, 'x')")) {
            ps.setString(1, "rt-" + name);
            return ps.executeUpdate();
        }
    }

    private static int count(Database db) {
        return names(db).split(",").length;
    }

    private static String names(Database db) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT name FROM schema_info WHERE name LIKE 'rt-%' ORDER BY name");
                 ResultSet rs = ps.executeQuery()) {
                StringBuilder b = new StringBuilder();
                while (rs.next()) {
                    b.append(b.length() == 0 ? "" : ",").append(rs.getString(1).substring(3));
                }
                return b.toString();
            }
        });
    }
}
