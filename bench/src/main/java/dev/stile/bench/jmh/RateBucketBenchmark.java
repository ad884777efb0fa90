package dev.stile.bench.jmh;

import dev.stile.db.Database;
import dev.stile.db.limits.RateBuckets;
import dev.stile.db.limits.RateDecision;
import dev.stile.db.limits.RateLimit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What one ACME rate-limit check costs on the embedded H2 database (a file, as in production): {@link RateBuckets#tryConsume}
 * (insert-if-absent, {@code SELECT ... FOR UPDATE}, Bucket4j's arithmetic, update, commit) on one
 * of 1,000 keys, the cost new-order, new-account and finalize each pay once per key.
 */
@State(Scope.Benchmark)
public class RateBucketBenchmark {

    private static final RateLimit LIMIT = new RateLimit("bench", 1_000_000_000L, Duration.ofHours(1));

    private java.nio.file.Path dir;
    private Database database;
    private RateBuckets buckets;

    @Setup(Level.Trial)
    public void setUp() {
        try {
            dir = java.nio.file.Files.createTempDirectory("stile-ratebench");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // A file database as `stile serve` opens it (H2 in PostgreSQL mode, migrated on open).
        database = Database.open(Database.Kind.H2, "jdbc:h2:file:" + dir.resolve("stile"), "sa", "", 4);
        buckets = new RateBuckets(database, Clock.systemUTC());
        for (int i = 0; i < 1000; i++) {
            buckets.tryConsume(LIMIT, "account-" + i);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        database.close();
    }

    @Benchmark
    public RateDecision tryConsume() {
        return buckets.tryConsume(LIMIT, "account-" + ThreadLocalRandom.current().nextInt(1000));
    }
}
