package dev.stile.db;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Database#run}: the store calls of one unit of work share one transaction and one commit. */
class UnitOfWorkTest {

    private static void insert(Database db, String name) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO schema_info (name, value) VALUES (?, 'x')")) {
                ps.setString(1, name);
                return ps.executeUpdate();
            }
        });
    }

    private static void insertInTransaction(Database db, String... names) {
        db.inTransaction(c -> {
            for (String name : names) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO schema_info (name, value) VALUES (?, 'x')")) {
                    ps.setString(1, name);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    /** What another connection sees: committed rows only. */
    private static List<String> committed(Database db) {
        return CompletableFuture.supplyAsync(() -> db.withConnection(c -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT name FROM schema_info WHERE name LIKE 'u-%' ORDER BY name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        })).orTimeout(10, TimeUnit.SECONDS).join();
    }

    @ParameterizedTest
    @MethodSource("dev.stile.db.TestDatabases#backends")
    void storeCallsCommitTogetherWhenTheUnitEnds(Database.Kind kind) {
        try (TestDatabases.TestDatabase t = TestDatabases.open(kind)) {
            Database db = t.database();
            List<String> seenInside = db.run(() -> {
                insert(db, "u-a");
                insertInTransaction(db, "u-b", "u-c");
                return committed(db);
            });
            assertThat(seenInside).isEmpty();
            assertThat(committed(db)).containsExactly("u-a", "u-b", "u-c");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stile.db.TestDatabases#backends")
    void aRefusalKeepsWhatWasWrittenBeforeIt(Database.Kind kind) {
        try (TestDatabases.TestDatabase t = TestDatabases.open(kind)) {
            Database db = t.database();
            assertThatThrownBy(() -> db.run(() -> {
                insert(db, "u-token");
                throw new IllegalStateException("refused after the token was used");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(committed(db)).containsExactly("u-token");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stile.db.TestDatabases#backends")
    void aFailedNestedTransactionUndoesOnlyItself(Database.Kind kind) {
        try (TestDatabases.TestDatabase t = TestDatabases.open(kind)) {
            Database db = t.database();
            db.run(() -> {
                insertInTransaction(db, "u-certificate");
                // A duplicate key in the second statement: its whole nested transaction is undone.
                assertThatThrownBy(() -> insertInTransaction(db, "u-watch", "u-certificate"))
                        .isInstanceOf(StoreException.class);
                return null;
            });
            assertThat(committed(db)).containsExactly("u-certificate");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stile.db.TestDatabases#backends")
    void aFailedStatementRollsTheWholeUnitBack(Database.Kind kind) {
        try (TestDatabases.TestDatabase t = TestDatabases.open(kind)) {
            Database db = t.database();
            assertThatThrownBy(() -> db.run(() -> {
                insert(db, "u-token");
                insert(db, "u-token");
                return null;
            })).isInstanceOf(StoreException.class);
            assertThat(committed(db)).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stile.db.TestDatabases#backends")
    void aNestedUnitJoinsTheOuterOne(Database.Kind kind) {
        try (TestDatabases.TestDatabase t = TestDatabases.open(kind)) {
            Database db = t.database();
            db.run(() -> {
                db.run(() -> {
                    insert(db, "u-inner");
                    return null;
                });
                assertThat(committed(db)).isEmpty();
                return null;
            });
            assertThat(committed(db)).containsExactly("u-inner");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stile.db.TestDatabases#backends")
    void aTokenUsedInAnOpenUnitCannotBeUsedByAnotherOne(Database.Kind kind) throws Exception {
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        try (TestDatabases.TestDatabase t = TestDatabases.open(kind)) {
            Database db = t.database();
            dev.stile.db.tokens.JdbcTokenStore tokens = new dev.stile.db.tokens.JdbcTokenStore(db,
                    java.time.Clock.systemUTC());
            java.time.Instant expires = java.time.Instant.now().plusSeconds(300);
            java.util.concurrent.CountDownLatch used = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch signed = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.Future<Boolean> first = threads.submit(() -> db.run(() -> {
                boolean ok = tokens.useOnce("jti-1", expires);
                used.countDown();
                try {
                    signed.await(10, TimeUnit.SECONDS); // the request signs while its transaction is open
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return ok;
            }));
            assertThat(used.await(10, TimeUnit.SECONDS)).isTrue();
            java.util.concurrent.Future<Boolean> second = threads.submit(() -> db.run(() -> tokens.useOnce("jti-1", expires)));
            Thread.sleep(300);
            signed.countDown();
            assertThat(first.get(20, TimeUnit.SECONDS)).isTrue();
            assertThat(second.get(20, TimeUnit.SECONDS)).isFalse();
        } finally {
            threads.shutdownNow();
        }
    }
}
