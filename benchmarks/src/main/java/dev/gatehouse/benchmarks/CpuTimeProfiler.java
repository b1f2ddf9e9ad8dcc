package dev.gatehouse.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * The benchmark JVM's CPU time per operation ({@code ·cpu.ns/op}), beside JMH's wall-clock score.
 * On the shared two-core project machine, often with a load average of 15 or more, a thread is off
 * its core for much of an iteration and wall-clock scores of one benchmark moved by 2–3 × between
 * runs minutes apart; CPU time counts only the time the process ran. It is the whole process's
 * time (the benchmark thread, and the GC and JIT threads, which are quiet once warm) divided by
 * every operation of the iteration. Use: {@code -prof dev.gatehouse.benchmarks.CpuTimeProfiler}.
 */
public class CpuTimeProfiler implements InternalProfiler {

    private long cpuBefore;

    @Override
    public String getDescription() {
        return "process CPU time per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuBefore = processCpuNanos();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        long cpu = processCpuNanos() - cpuBefore;
        long ops = result.getMetadata().getAllOps();
        double perOp = ops == 0 ? Double.NaN : (double) cpu / ops;
        return List.of(new ScalarResult("cpu.ns/op", perOp, "ns/op", AggregationPolicy.AVG));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
