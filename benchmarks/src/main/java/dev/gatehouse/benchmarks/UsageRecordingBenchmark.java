package dev.gatehouse.benchmarks;

import dev.gatehouse.entitlements.Entitlements;
import dev.gatehouse.entitlements.InMemoryUsageStore;
import dev.gatehouse.entitlements.Recorded;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Recording usage in memory: the entitlement rules without a database (metered, unlimited tier). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class UsageRecordingBenchmark {

    private Entitlements entitlements;

    @Setup
    public void setUp() {
        entitlements = Entitlements.builder().store(new InMemoryUsageStore()).build();
    }

    @Benchmark
    public Recorded recordApiCall() {
        return entitlements.record(1L, "enterprise", "api_calls", 1, null, null);
    }
}
