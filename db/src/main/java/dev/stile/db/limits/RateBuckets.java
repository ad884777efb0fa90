package dev.stile.db.limits;

import dev.stile.db.Database;
import dev.stile.db.StoreException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Token buckets kept in the database ({@code rate_limit_buckets}), so every replica on the same
 * PostgreSQL counts against the same limits. The bucket arithmetic and the locking protocol
 * (insert-if-absent, {@code SELECT ... FOR UPDATE}, update, commit) are Bucket4j's, run through
 * {@link JdbcBucketProxyManager}'s portable SQL. A row stores when it will be full again
 * ({@code expires_at}); {@link #purgeExpired(int)} deletes such rows, so the table holds only
 * buckets touched within their last period.
 */
public final class RateBuckets {

    /** Longest stored key; longer keys (long identifiers) are replaced by their SHA-256. */
    private static final int MAX_KEY = 400;

    private final JdbcBucketProxyManager buckets;
    private final Database database;

    public RateBuckets(Database database, Clock clock) {
        this.database = database;
        // A bucket that is full again decides nothing; its row is kept a minute longer for clock skew.
        this.buckets = new JdbcBucketProxyManager(database, wallClock(clock),
                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)));
    }

    /** Counts one event for {@code key} if the limit allows it. */
    public RateDecision tryConsume(RateLimit limit, String key) {
        ConsumptionProbe probe = call(() -> bucket(limit, key).tryConsumeAndReturnRemaining(1));
        return probe.isConsumed() ? RateDecision.ALLOWED : RateDecision.refused(delay(probe.getNanosToWaitForRefill()));
    }

    /** Whether one more event for {@code key} would be allowed now, without counting one. */
    public RateDecision check(RateLimit limit, String key) {
        String id = bucketId(limit, key);
        if (!exists(id)) {
            // No row: never written, or purged once full again; a full bucket allows one event
            // (count >= 1). One read instead of Bucket4j's insert, lock and write of a new bucket
            // (4 statements and a transaction) on every challenge POST (issue 13).
            return RateDecision.ALLOWED;
        }
        EstimationProbe probe = call(() -> bucket(limit, key).estimateAbilityToConsume(1));
        return probe.canBeConsumed() ? RateDecision.ALLOWED : RateDecision.refused(delay(probe.getNanosToWaitForRefill()));
    }

    /** Gives back an event counted by {@link #tryConsume} that turned out not to count. */
    public void refund(RateLimit limit, String key) {
        call(() -> {
            bucket(limit, key).addTokens(1);
            return null;
        });
    }

    /** Deletes up to {@code batch} buckets that are full again; returns how many. */
    public int purgeExpired(int batch) {
        return call(() -> buckets.removeExpired(batch));
    }

    private BucketProxy bucket(RateLimit limit, String key) {
        return buckets.builder().build(bucketId(limit, key), () -> configuration(limit));
    }

    private static String bucketId(RateLimit limit, String key) {
        // The limit's numbers are part of the key: an operator who changes a limit starts fresh
        // buckets instead of inheriting ones configured with the old numbers.
        String id = limit.name() + ":" + limit.count() + "/" + limit.period().toSeconds() + "s:" + key;
        return id.length() > MAX_KEY ? sha256(id) : id;
    }

    private boolean exists(String id) {
        return database.withConnection(c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT 1 FROM rate_limit_buckets WHERE id = ?")) {
                ps.setString(1, id);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    private static BucketConfiguration configuration(RateLimit limit) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(limit.count()).refillGreedy(limit.count(), limit.period())
                        .build())
                .build();
    }

    private static Duration delay(long nanos) {
        return Duration.ofNanos(Math.max(nanos, 0));
    }

    private static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            // Bucket4j wraps SQLExceptions in its own runtime exceptions; callers see one database error type.
            throw new StoreException("rate limit bucket could not be read or updated: " + e.getMessage(), e);
        }
    }

    private static TimeMeter wallClock(Clock clock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000L;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    private static String sha256(String s) {
        try {
            return "sha256:" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
