package dev.stile.db.tokens;

import dev.stile.db.Database;
import dev.stile.db.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcTokenStoreTest {

    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @ParameterizedTest
    @MethodSource("dev.stile.db.TestDatabases#backends")
    void aTokenIdIsUsableOnceEvenUnderConcurrency(Database.Kind kind) throws Exception {
        try (TestDatabases.TestDatabase db = TestDatabases.open(kind)) {
            JdbcTokenStore store = new JdbcTokenStore(db.database(), Clock.fixed(NOW, ZoneOffset.UTC));
            assertThat(store.useOnce("jti-1", NOW.plusSeconds(300))).isTrue();
            assertThat(store.useOnce("jti-1", NOW.plusSeconds(300))).isFalse();
            assertThat(store.useOnce("jti-2", NOW.plusSeconds(300))).isTrue();

            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    Callable<Boolean> c = () -> store.useOnce("race", NOW.plusSeconds(300));
                    results.add(pool.submit(c));
                }
                int wins = 0;
                for (Future<Boolean> f : results) {
                    wins += f.get() ? 1 : 0;
                }
                assertThat(wins).isEqualTo(1);
            } finally {
                pool.shutdown();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stile.db.TestDatabases#backends")
    void purgesOnlyExpiredTokens(Database.Kind kind) {
        try (TestDatabases.TestDatabase db = TestDatabases.open(kind)) {
            JdbcTokenStore store = new JdbcTokenStore(db.database(), Clock.fixed(NOW, ZoneOffset.UTC));
            store.useOnce("old", NOW.minusSeconds(3600));
            store.useOnce("new", NOW.plusSeconds(300));
            assertThat(store.purgeExpired(NOW)).isEqualTo(1);
            assertThat(store.useOnce("old", NOW.plusSeconds(300))).isTrue();
            assertThat(store.useOnce("new", NOW.plusSeconds(300))).isFalse();
        }
    }
}
