package dev.gatehouse.benchmarks;

import dev.gatehouse.keys.Actor;
import dev.gatehouse.keys.ApiKeyStore;
import dev.gatehouse.keys.ApiKeys;
import dev.gatehouse.keys.InMemoryApiKeyStore;
import dev.gatehouse.keys.KeyRequest;
import dev.gatehouse.keys.KeyType;
import dev.gatehouse.keys.Verification;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Verifying a key whose lookup is cached, against the floor it cannot beat: one SHA-256 of the
 * same key (verification must hash the presented key once). Goal: ≤ 2 × the bare hash. Also a
 * value refused by its checksum, and a verification that misses the cache and so reads the WAR's
 * JPA key store on H2 or PostgreSQL ({@link StoreOnDatabase}); without a reachable PostgreSQL the
 * {@code postgresql} case fails at setup with a message saying so, and the others still run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KeyVerificationBenchmark {

    private ApiKeys keys;
    private String key;
    private String malformed;
    private MessageDigest sha256;

    @Setup
    public void setUp() throws NoSuchAlgorithmException {
        keys = ApiKeys.builder().store(new InMemoryApiKeyStore()).audit(e -> { }).build();
        key = keys.issue(new KeyRequest(1L, null, KeyType.WORKSPACE, "bench", List.of("workspaces:read"), null, null),
                null, Actor.system()).secret();
        malformed = key.substring(0, key.length() - 1) + (key.endsWith("0") ? "1" : "0");
        keys.verify(key); // fill the cache
        sha256 = MessageDigest.getInstance("SHA-256");
    }

    @Benchmark
    public Verification verifyCacheHit() {
        return keys.verify(key);
    }

    @Benchmark
    public Verification verifyMalformedChecksum() {
        return keys.verify(malformed);
    }

    @Benchmark
    public byte[] bareSha256OfKey() {
        return sha256.digest(key.getBytes(StandardCharsets.UTF_8));
    }

    // Hibernate's, the driver's and H2's code take far longer to compile than the hit path: on the
    // shared two-core machine a miss on H2 was still getting faster after 15 s.
    @Benchmark
    @Warmup(iterations = 10, time = 2)
    @Measurement(iterations = 5, time = 2)
    public Verification verifyCacheMiss(StoreOnDatabase db) {
        return db.keys.verify(db.key);
    }

    /**
     * Verification with both caches off (TTL 0, a builder setting), so every call reads the key
     * store: the WAR's {@code JpaApiKeyStore}, one transaction per call, on a fresh database holding
     * {@value #KEYS} keys.
     */
    @State(Scope.Benchmark)
    public static class StoreOnDatabase {

        static final int KEYS = 1_000;

        @Param({"h2", "postgresql"})
        public String database;

        private KeyStoreDatabase db;
        private ApiKeys keys;
        private String key;

        @Setup(Level.Trial)
        public void open() {
            db = KeyStoreDatabase.open(database);
            db.workspace(1L);
            ApiKeyStore store = db.keyStore(Clock.systemUTC());
            keys = ApiKeys.builder().store(store).audit(e -> { })
                    .positiveCacheTtl(Duration.ZERO).negativeCacheTtl(Duration.ZERO).build();
            for (int i = 0; i < KEYS; i++) {
                key = keys.issue(new KeyRequest(1L, null, KeyType.WORKSPACE, "bench " + i, List.of("workspaces:read"),
                        null, null), null, Actor.system()).secret();
            }
            if (!keys.verify(key).valid()) {
                throw new IllegalStateException("the issued key does not verify against " + database);
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            db.close();
        }
    }
}
