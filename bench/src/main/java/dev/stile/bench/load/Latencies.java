package dev.stile.bench.load;

import java.util.Arrays;

/**
 * Latencies of one client, in microseconds. At most {@link #CAPACITY} samples are kept (a run is
 * bounded anyway); beyond that only the count grows, so memory stays fixed.
 */
final class Latencies {

    static final int CAPACITY = 500_000;

    private final long[] micros = new long[CAPACITY];
    private int size;

    void add(long nanos) {
        if (size < CAPACITY) {
            micros[size++] = nanos / 1_000;
        }
    }

    int size() {
        return size;
    }

    /** All samples of several clients, sorted. */
    static long[] merged(Iterable<Latencies> all) {
        int total = 0;
        for (Latencies l : all) {
            total += l.size;
        }
        long[] out = new long[total];
        int at = 0;
        for (Latencies l : all) {
            System.arraycopy(l.micros, 0, out, at, l.size);
            at += l.size;
        }
        Arrays.sort(out);
        return out;
    }

    /** Nearest-rank percentile of sorted samples, in milliseconds. */
    static double percentileMillis(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1000.0;
    }
}
