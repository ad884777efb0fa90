package dev.stile.db.limits;

import dev.stile.acme.testing.MutableClock;
import dev.stile.db.Database;
import dev.stile.db.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The database-backed token buckets on H2 and PostgreSQL, driven by a test clock. */
class RateBucketsTest {

    private static final RateLimit FIVE_PER_HOUR = new RateLimit("test", 5, Duration.ofHours(1));

    @ParameterizedTest
    @MethodSource("dev.stile.db.TestDatabases#backends")
    void refusesTheEventBeyondTheLimitAndSaysWhenToRetry(Database.Kind kind) {
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        try (TestDatabases.TestDatabase db = TestDatabases.open(kind)) {
            RateBuckets buckets = new RateBuckets(db.database(), clock);
            for (int i = 0; i < 5; i++) {
                assertThat(buckets.tryConsume(FIVE_PER_HOUR, "k").allowed()).isTrue();
            }
            RateDecision refused = buckets.tryConsume(FIVE_PER_HOUR, "k");
            assertThat(refused.allowed()).isFalse();
            // One token comes back every 12 minutes.
            assertThat(refused.retryAfter()).isBetween(Duration.ofMinutes(11), Duration.ofMinutes(12));
            assertThat(buckets.check(FIVE_PER_HOUR, "k").allowed()).isFalse();
            assertThat(buckets.tryConsume(FIVE_PER_HOUR, "other").allowed()).as("keys are separate").isTrue();

            clock.advance(Duration.ofMinutes(12));
            assertThat(buckets.check(FIVE_PER_HOUR, "k").allowed()).isTrue();
            assertThat(buckets.tryConsume(FIVE_PER_HOUR, "k").allowed()).isTrue();
            assertThat(buckets.tryConsume(FIVE_PER_HOUR, "k").allowed()).isFalse();

            buckets.refund(FIVE_PER_HOUR, "k");
            assertThat(buckets.tryConsume(FIVE_PER_HOUR, "k").allowed()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stile.db.TestDatabases#backends")
    void checkingAKeyNeverCountedAllowsItAndCreatesNoBucket(Database.Kind kind) {
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        try (TestDatabases.TestDatabase db = TestDatabases.open(kind)) {
            RateBuckets buckets = new RateBuckets(db.database(), clock);
            assertThat(buckets.check(FIVE_PER_HOUR, "fresh").allowed()).isTrue();
            assertThat(buckets.check(new RateLimit("test", 1, Duration.ofHours(1)), "fresh").allowed()).isTrue();
            assertThat(buckets.purgeExpired(100)).isZero();
            clock.advance(Duration.ofDays(1));
            assertThat(buckets.purgeExpired(100)).as("no row was written").isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stile.db.TestDatabases#backends")
    void twoInstancesOnOneDatabaseShareTheBucketAndFullBucketsArePurged(Database.Kind kind) {
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        try (TestDatabases.TestDatabase db = TestDatabases.open(kind)) {
            RateBuckets one = new RateBuckets(db.database(), clock);
            RateBuckets two = new RateBuckets(db.database(), clock);
            for (int i = 0; i < 5; i++) {
                assertThat((i % 2 == 0 ? one : two).tryConsume(FIVE_PER_HOUR, "shared").allowed()).isTrue();
            }
            assertThat(two.tryConsume(FIVE_PER_HOUR, "shared").allowed()).isFalse();
            assertThat(one.tryConsume(FIVE_PER_HOUR, "shared").allowed()).isFalse();

            assertThat(one.purgeExpired(100)).isZero();
            clock.advance(Duration.ofHours(1).plusMinutes(2));
            assertThat(one.purgeExpired(100)).isEqualTo(1);
            assertThat(two.tryConsume(FIVE_PER_HOUR, "shared").allowed()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stile.db.TestDatabases#backends")
    void veryLongKeysAreStored(Database.Kind kind) {
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        try (TestDatabases.TestDatabase db = TestDatabases.open(kind)) {
            RateBuckets buckets = new RateBuckets(db.database(), clock);
            String key = "a".repeat(253) + ":" + "b".repeat(300);
            assertThat(buckets.tryConsume(FIVE_PER_HOUR, key).allowed()).isTrue();
        }
    }
}
