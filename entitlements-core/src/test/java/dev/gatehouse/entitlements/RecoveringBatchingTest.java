package dev.gatehouse.entitlements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bucket4j.distributed.proxy.AsyncCommandExecutor;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import io.github.bucket4j.distributed.proxy.CommandExecutor;
import io.github.bucket4j.distributed.proxy.optimization.Optimization;
import io.github.bucket4j.distributed.proxy.optimization.OptimizationListener;
import io.github.bucket4j.distributed.remote.CommandResult;
import io.github.bucket4j.distributed.remote.RemoteCommand;
import io.github.bucket4j.distributed.remote.commands.GetAvailableTokensCommand;
import io.github.bucket4j.util.concurrent.batch.BatchHelper;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** What {@link RecoveringBatching} turns a failed batch into; the real race is SharedBucketsPostgresTest's. */
class RecoveringBatchingTest {

    private static final RemoteCommand<Long> COMMAND = new GetAvailableTokensCommand();

    @Test
    void batchMemberGivenTheBatchsBucketNotFound_getsNotFoundSoItsProxyCreatesTheBucket() {
        CommandExecutor executor = executorThrowing(() -> new BatchHelper.BatchFailedException(new BucketNotFoundException()));

        assertThat(executor.execute(COMMAND).isBucketNotFound()).isTrue();
    }

    @Test
    void batchLeaderGivenBucketNotFound_getsNotFound() {
        CommandExecutor executor = executorThrowing(BucketNotFoundException::new);

        assertThat(executor.execute(COMMAND).isBucketNotFound()).isTrue();
    }

    @Test
    void otherFailures_propagate() {
        IllegalStateException storeDown = new BatchHelper.BatchFailedException(new IllegalStateException("store down"));
        CommandExecutor executor = executorThrowing(() -> storeDown);

        assertThatThrownBy(() -> executor.execute(COMMAND)).isSameAs(storeDown);
    }

    @Test
    void successfulResults_passThrough() {
        CommandResult<Long> tokens = CommandResult.MAX_VALUE;
        CommandExecutor executor = new RecoveringBatching(optimization(new CommandExecutor() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> CommandResult<T> execute(RemoteCommand<T> command) {
                return (CommandResult<T>) tokens;
            }
        })).apply((CommandExecutor) null);

        assertThat(executor.execute(COMMAND).getData()).isEqualTo(Long.MAX_VALUE);
    }

    private static CommandExecutor executorThrowing(Supplier<RuntimeException> failure) {
        return new RecoveringBatching(optimization(new CommandExecutor() {
            @Override
            public <T> CommandResult<T> execute(RemoteCommand<T> command) {
                throw failure.get();
            }
        })).apply((CommandExecutor) null);
    }

    /** Stands for Bucket4j's batching: hands out the given executor whatever it wraps. */
    private static Optimization optimization(CommandExecutor batched) {
        return new Optimization() {
            @Override
            public Optimization withListener(OptimizationListener listener) {
                return this;
            }

            @Override
            public CommandExecutor apply(CommandExecutor originalExecutor) {
                return batched;
            }

            @Override
            public AsyncCommandExecutor apply(AsyncCommandExecutor originalExecutor) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
