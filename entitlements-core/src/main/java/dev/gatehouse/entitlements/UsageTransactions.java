package dev.gatehouse.entitlements;

import java.util.function.Supplier;

/**
 * Runs work in a transaction of its own — how {@link GroupCommit} gives a batch of recordings one
 * commit. The host implements it on its transaction manager (in Jakarta EE, a
 * {@code @Transactional(REQUIRES_NEW)} method); the {@link UsageStore} must join that transaction.
 */
@FunctionalInterface
public interface UsageTransactions {

    /**
     * Runs {@code work} in a new transaction and commits it before returning. If {@code work}
     * throws, the transaction must be rolled back (nothing it did may remain) and the exception
     * propagated; an exception thrown after {@code work} returned means the commit failed.
     *
     * @param work the work, which calls the store
     * @param <T>  what the work returns
     * @return what the work returned, once committed
     */
    <T> T inTransaction(Supplier<T> work);
}
