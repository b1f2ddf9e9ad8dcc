package dev.gatehouse.benchmarks;

import dev.gatehouse.keys.ScopeSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The per-request scope check: exact, wildcard and alias matches. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ScopeCheckBenchmark {

    private final ScopeSet held = ScopeSet.of("users:read", "posts:*", "read", "webhooks:write", "api-keys:verify");
    private final List<String> exact = List.of("api-keys:verify");
    private final List<String> wildcard = List.of("posts:publish");
    private final List<String> alias = List.of("entitlements:read");
    private final List<String> missing = List.of("workspaces:delete");

    @Benchmark
    public boolean exactMatch() {
        return held.grantsAll(exact);
    }

    @Benchmark
    public boolean wildcardMatch() {
        return held.grantsAll(wildcard);
    }

    @Benchmark
    public boolean aliasMatch() {
        return held.grantsAll(alias);
    }

    @Benchmark
    public boolean refused() {
        return held.grantsAll(missing);
    }
}
