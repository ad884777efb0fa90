package dev.stile.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Runs N clients in parallel, each doing its operation back to back: first for the warm-up time,
 * whose operations are done but not counted, then for the measured time on the same connections
 * and server process, so the figures are the server's steady state. Only operations started in the
 * measured window count; the server's CPU and memory are read over exactly that window. The first
 * message of each kind of failure is kept (at most {@link #MAX_ERROR_KINDS}) so a broken run says why.
 */
final class LoadRun {

    static final int MAX_ERROR_KINDS = 20;

    /** What a run measured; {@code server} is null when no server process was given. */
    record Result(String label, String operation, int clients, long warmupOk, long ok, long failed, double seconds,
                  long[] sortedMicros, ServerProbe.Usage server, Map<String, Long> errors) {

        double perSecond() {
            return ok / seconds;
        }

        double p(double percentile) {
            return Latencies.percentileMillis(sortedMicros, percentile);
        }

        double cpuMillisPerOp() {
            return server == null || ok == 0 ? Double.NaN : server.cpuSeconds() * 1000 / ok;
        }

        String summary() {
            StringBuilder b = new StringBuilder(String.format("%s %s: %d clients, %d warm-up ops not counted, measured %.1f s, "
                            + "%d ok, %d failed, %.1f ops/s; latency ms p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n",
                    label, operation, clients, warmupOk, seconds, ok, failed, perSecond(), p(50), p(90), p(99), p(100)));
            if (server != null) {
                b.append(String.format("%s %s: server CPU %.1f s in the window, %.2f ms per operation; peak RSS %.1f MiB "
                                + "in the window, %.1f MiB since start%n", label, operation, server.cpuSeconds(),
                        cpuMillisPerOp(), server.windowPeakRssKib() / 1024.0, server.lifetimePeakRssKib() / 1024.0));
            }
            errors.forEach((message, count) -> b.append(String.format("  %d x %s%n", count, message)));
            return b.toString();
        }

        /** One tab-separated line for bench/run.sh's table: label, operation, rate, p50, p99, CPU ms/op, peak RSS MiB (window, since start), ok, failed. */
        String row() {
            return String.format("%s\t%s\t%.1f\t%.1f\t%.1f\t%.2f\t%.1f\t%.1f\t%d\t%d%n", label, operation, perSecond(),
                    p(50), p(99), cpuMillisPerOp(), server == null ? Double.NaN : server.windowPeakRssKib() / 1024.0,
                    server == null ? Double.NaN : server.lifetimePeakRssKib() / 1024.0, ok, failed);
        }
    }

    private LoadRun() {
    }

    /**
     * @param server        the server under test, read at the start and end of the measured window; may be null
     * @param clientFactory creates client i's operation (its own connection, account, keys); called
     *                      before the clock starts
     */
    static Result run(String label, String operation, int clients, Duration warmup, Duration duration,
                      long maxOperations, ServerProbe server, IntFunction<Operation> clientFactory) throws Exception {
        AtomicLong sequence = new AtomicLong();
        AtomicLong warmupOk = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Map<String, Long> errors = new ConcurrentHashMap<>();
        List<Latencies> latencies = new ArrayList<>();
        List<Operation> operations = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            operations.add(clientFactory.apply(i));
            latencies.add(new Latencies());
        }
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long deadline = measureFrom + duration.toNanos();
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
                    boolean measured = t0 >= measureFrom;
                    try {
                        op.run(seq);
                        if (measured) {
                            mine.add(System.nanoTime() - t0);
                            ok.incrementAndGet();
                        } else {
                            warmupOk.incrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (Exception | AssertionError e) {
                        if (measured) {
                            failed.incrementAndGet();
                        }
                        String kind = (measured ? "" : "(warm-up) ") + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
                        if (errors.size() < MAX_ERROR_KINDS || errors.containsKey(kind)) {
                            errors.merge(kind, 1L, Long::sum);
                        }
                    }
                }
            }, label + "-client-" + i);
            threads.add(t);
            t.start();
        }
        sleepUntil(measureFrom);
        if (server != null) {
            server.startWindow();
        }
        System.err.printf("load: %s %s: warm-up done (%d ops), measuring for %d s%n", label, operation, warmupOk.get(),
                duration.toSeconds());
        for (Thread t : threads) {
            t.join();
        }
        ServerProbe.Usage usage = server == null ? null : server.endWindow();
        double seconds = (System.nanoTime() - measureFrom) / 1e9;
        return new Result(label, operation, clients, warmupOk.get(), ok.get(), failed.get(), seconds,
                Latencies.merged(latencies), usage, errors);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
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
