package dev.stile.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Runs N clients in parallel, each doing its operation back to back, until the time is up or the
 * operation budget is spent, then reports throughput and latency percentiles. The first message
 * of each kind of failure is kept (at most {@link #MAX_ERROR_KINDS}) so a broken run says why.
 */
final class LoadRun {

    static final int MAX_ERROR_KINDS = 20;

    /** What a run measured. */
    record Result(String name, int clients, long ok, long failed, double seconds, long[] sortedMicros,
                  Map<String, Long> errors) {

        double perSecond() {
            return ok / seconds;
        }

        String summary() {
            StringBuilder b = new StringBuilder();
            b.append(String.format("%s: %d clients, %.1f s, %d ok, %d failed, %.1f ops/s; latency ms p50 %.1f  p90 %.1f  "
                            + "p99 %.1f  max %.1f%n", name, clients, seconds, ok, failed, perSecond(),
                    Latencies.percentileMillis(sortedMicros, 50), Latencies.percentileMillis(sortedMicros, 90),
                    Latencies.percentileMillis(sortedMicros, 99), Latencies.percentileMillis(sortedMicros, 100)));
            errors.forEach((message, count) -> b.append(String.format("  %d x %s%n", count, message)));
            return b.toString();
        }
    }

    private LoadRun() {
    }

    /**
     * @param clientFactory creates client i's operation (its own connection, account, keys); called
     *                      on the client's thread before the clock starts
     */
    static Result run(String name, int clients, Duration duration, long maxOperations,
                      IntFunction<Operation> clientFactory) throws InterruptedException {
        AtomicLong sequence = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Map<String, Long> errors = new ConcurrentHashMap<>();
        List<Latencies> latencies = new ArrayList<>();
        List<Operation> operations = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            operations.add(clientFactory.apply(i));
            latencies.add(new Latencies());
        }
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Operation op = operations.get(i);
            Latencies mine = latencies.get(i);
            Thread t = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    long seq = sequence.getAndIncrement();
                    if (seq >= maxOperations) {
                        return;
                    }
                    long t0 = System.nanoTime();
                    try {
                        op.run(seq);
                        mine.add(System.nanoTime() - t0);
                        ok.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (Exception | AssertionError e) {
                        failed.incrementAndGet();
                        String kind = e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
                        if (errors.size() < MAX_ERROR_KINDS || errors.containsKey(kind)) {
                            errors.merge(kind, 1L, Long::sum);
                        }
                    }
                }
            }, name + "-client-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(name, clients, ok.get(), failed.get(), seconds, Latencies.merged(latencies), errors);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "(no message)";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
