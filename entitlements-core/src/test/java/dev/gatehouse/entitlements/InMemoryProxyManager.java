package dev.gatehouse.entitlements;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Bucket4j {@link io.github.bucket4j.distributed.proxy.ProxyManager} over a map of serialized
 * bucket states — what a database-backed one does, minus the database — so that the shared mode
 * of {@link RateLimiter} runs through Bucket4j's real distributed code path. Bucket4j core ships
 * no such in-memory proxy manager.
 */
final class InMemoryProxyManager extends AbstractCompareAndSwapBasedProxyManager<String> {

    private final ConcurrentHashMap<String, byte[]> states = new ConcurrentHashMap<>();

    InMemoryProxyManager(TimeMeter clock) {
        super(ClientSideConfig.getDefault().withClientClock(clock));
    }

    int size() {
        return states.size();
    }

    boolean contains(String key) {
        return states.containsKey(key);
    }

    @Override
    protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
        return new CompareAndSwapOperation() {
            @Override
            public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
                return Optional.ofNullable(states.get(key));
            }

            @Override
            public boolean compareAndSwap(byte[] originalData, byte[] newData, RemoteBucketState newState,
                                          Optional<Long> timeoutNanos) {
                boolean[] swapped = {false};
                states.compute(key, (k, current) -> {
                    if (originalData == null ? current == null : Arrays.equals(current, originalData)) {
                        swapped[0] = true;
                        return newData;
                    }
                    return current;
                });
                return swapped[0];
            }
        };
    }

    @Override
    protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
        throw new UnsupportedOperationException("synchronous only");
    }

    @Override
    public void removeProxy(String key) {
        states.remove(key);
    }

    @Override
    protected CompletableFuture<Void> removeAsync(String key) {
        states.remove(key);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean isAsyncModeSupported() {
        return false;
    }
}
