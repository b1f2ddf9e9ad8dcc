package dev.gatehouse.entitlements;

import io.github.bucket4j.distributed.proxy.AsyncCommandExecutor;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import io.github.bucket4j.distributed.proxy.CommandExecutor;
import io.github.bucket4j.distributed.proxy.optimization.Optimization;
import io.github.bucket4j.distributed.proxy.optimization.OptimizationListener;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.distributed.remote.CommandResult;
import io.github.bucket4j.distributed.remote.RemoteCommand;
import java.util.Objects;

/**
 * Bucket4j's batching optimisation (8.14.0), made to recover like an unbatched proxy when the
 * stored bucket is missing.
 *
 * <p>A batch of requests that carries no initial state (none of them is the proxy's "create the
 * bucket" retry) and meets a missing bucket, or the empty row Bucket4j's select-for-update store
 * inserts before it creates one, is answered by the store with "bucket not found" for the batch as
 * a whole. Bucket4j's batching then unwraps that answer as a result and throws
 * {@link BucketNotFoundException} (wrapped in a {@code BatchFailedException}) to every request of
 * the batch, instead of handing each one "not found" so that its proxy creates the bucket and
 * retries. It happens when several first requests of a key arrive at once, and when a cached
 * proxy's row has been deleted (the retention job deletes expired buckets). This executor turns
 * that exception back into each request's "not found", so the proxy's recovery
 * ({@code RecoveryStrategy.RECONSTRUCT}, Bucket4j's default) creates the bucket and runs the request
 * again. No token is lost or taken twice: the store rolled the refused batch back without writing.
 */
final class RecoveringBatching implements Optimization {

    private final Optimization batching;

    RecoveringBatching() {
        this(Optimizations.batching());
    }

    RecoveringBatching(Optimization batching) {
        this.batching = Objects.requireNonNull(batching);
    }

    @Override
    public Optimization withListener(OptimizationListener listener) {
        return new RecoveringBatching(batching.withListener(listener));
    }

    @Override
    public CommandExecutor apply(CommandExecutor originalExecutor) {
        CommandExecutor batched = batching.apply(originalExecutor);
        return new CommandExecutor() {
            @Override
            public <T> CommandResult<T> execute(RemoteCommand<T> command) {
                try {
                    return batched.execute(command);
                } catch (RuntimeException e) {
                    if (bucketMissing(e)) {
                        return CommandResult.bucketNotFound();
                    }
                    throw e;
                }
            }
        };
    }

    /** Gatehouse builds synchronous proxies only; an asynchronous one would need the same recovery. */
    @Override
    public AsyncCommandExecutor apply(AsyncCommandExecutor originalExecutor) {
        throw new UnsupportedOperationException("RecoveringBatching is for synchronous bucket proxies only");
    }

    /** The exception itself, or the cause a batch member receives it as. */
    static boolean bucketMissing(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BucketNotFoundException) {
                return true;
            }
            if (t.getCause() == t) {
                return false;
            }
        }
        return false;
    }
}
