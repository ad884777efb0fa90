package dev.stile.bench.jmh;

import com.sun.management.OperatingSystemMXBean;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Operations per CPU-second of the benchmark JVM ({@code -prof dev.stile.bench.jmh.CpuTimeProfiler}).
 * On a shared 2-core machine the wall-clock score drops when other processes run; the CPU time the
 * fork actually got does not, so this figure is the one comparable to "per core" numbers. It counts
 * every thread of the fork (GC and JIT included), so it errs on the slow side.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private final OperatingSystemMXBean os =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuAtStart;

    @Override
    public String getDescription() {
        return "operations per CPU-second of the benchmark JVM";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuAtStart = os.getProcessCpuTime();
    }

    @Override
    public List<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                 IterationResult result) {
        double cpuSeconds = (os.getProcessCpuTime() - cpuAtStart) / 1e9;
        long ops = result.getMetadata().getMeasuredOps();
        return List.of(new ScalarResult("ops-per-cpu-second", cpuSeconds > 0 ? ops / cpuSeconds : Double.NaN,
                "ops/cpu-s", AggregationPolicy.AVG));
    }
}
