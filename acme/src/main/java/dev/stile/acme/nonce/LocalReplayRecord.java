package dev.stile.acme.nonce;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The record of used nonces of a server that is the only one on its database (H2: one process
 * holds the file), kept in memory: one bit per numbered nonce ({@link NonceSealer} with counter
 * IVs), in blocks of {@value #BLOCK_NONCES}. Redeeming is one compare-and-set, with no write to
 * the database. A block is dropped once every nonce it numbers has expired, so the record holds
 * one lifetime's worth of nonces at most: 8 KiB per 65,536 nonces (a server issuing 1,000 nonces
 * a second for an hour holds 55 blocks, 440 KiB). Nonces of an earlier process were sealed under
 * another key and never reach this record, so a restart cannot accept a replay.
 */
final class LocalReplayRecord {

    private static final int BLOCK_SHIFT = 16;
    static final int BLOCK_NONCES = 1 << BLOCK_SHIFT;
    private static final long INDEX_MASK = BLOCK_NONCES - 1;

    private final Duration lifetime;
    private final ConcurrentMap<Long, AtomicLongArray> blocks = new ConcurrentHashMap<>();
    /** When the first nonce of each block was issued: every nonce of block b was issued before block b+1 began. */
    private final ConcurrentMap<Long, Instant> blockStarts = new ConcurrentHashMap<>();
    /** Blocks below this number were dropped; their nonces are refused (they expired anyway). */
    private volatile long firstLiveBlock;

    LocalReplayRecord(Duration lifetime) {
        this.lifetime = lifetime;
    }

    /** Call as nonce {@code number} is issued at {@code now}: notes when each block begins. */
    void issued(long number, Instant now) {
        if ((number & INDEX_MASK) == 0) {
            blockStarts.put(number >>> BLOCK_SHIFT, now);
        }
    }

    /** True exactly once per nonce number (the caller has checked the nonce's seal and expiry). */
    boolean markUsed(long number) {
        long block = number >>> BLOCK_SHIFT;
        if (number < 0 || block < firstLiveBlock) {
            return false;
        }
        AtomicLongArray bits = blocks.computeIfAbsent(block, b -> new AtomicLongArray(BLOCK_NONCES / Long.SIZE));
        int index = (int) (number & INDEX_MASK);
        int word = index >>> 6;
        long bit = 1L << (index & 63);
        while (true) {
            long old = bits.get(word);
            if ((old & bit) != 0) {
                return false;
            }
            if (bits.compareAndSet(word, old, old | bit)) {
                return true;
            }
        }
    }

    /**
     * Drops the blocks whose nonces have all expired before {@code before} (the next block began
     * more than a lifetime earlier); returns how many.
     */
    synchronized int purgeExpired(Instant before) {
        int dropped = 0;
        long first = firstLiveBlock;
        while (true) {
            Instant nextStart = blockStarts.get(first + 1);
            if (nextStart == null || !nextStart.plus(lifetime).isBefore(before)) {
                break;
            }
            blockStarts.remove(first);
            if (blocks.remove(first) != null) {
                dropped++;
            }
            first++;
        }
        firstLiveBlock = first;
        // A redeem that raced the purge may have recreated a dropped block: drop it again.
        blocks.keySet().removeIf(b -> b < firstLiveBlock);
        return dropped;
    }

    int blockCount() {
        return blocks.size();
    }
}
