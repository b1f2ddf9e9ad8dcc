package dev.gatehouse.benchmarks;

import dev.gatehouse.entitlements.PlanCatalog;
import dev.gatehouse.entitlements.RateLimitDecision;
import dev.gatehouse.entitlements.RateLimiter;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
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

/**
 * One rate-limit decision on an existing in-memory bucket (Bucket4j). The benchmark tier allows so
 * many requests that the bucket never empties, so the allowed path is what is measured. Goal: < 1 µs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RateLimitBenchmark {

    private RateLimiter limiter;

    @Setup
    public void setUp() throws IOException {
        Properties plans = new Properties();
        try (InputStream in = PlanCatalog.class.getResourceAsStream("/dev/gatehouse/entitlements/default-plans.properties")) {
            plans.load(in);
        }
        plans.setProperty("tier.enterprise.rate.per-minute", "1000000000");
        limiter = RateLimiter.builder().catalog(PlanCatalog.parse(plans)).build();
        limiter.tryConsume("key-1", "enterprise");
    }

    @Benchmark
    public RateLimitDecision tryConsume() {
        return limiter.tryConsume("key-1", "enterprise");
    }
}
