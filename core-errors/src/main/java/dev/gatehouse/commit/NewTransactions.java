package dev.gatehouse.commit;

import java.util.function.Supplier;

/**
 * Runs work in a transaction of its own — how a {@link GroupCommitter} gives each batch one commit.
 * The host implements it on its transaction manager (in Jakarta EE, a
 * {@code @Transactional(REQUIRES_NEW)} method); the stores the work calls must join that
 * transaction. A method reference such as {@code Supplier::get} runs the work without one (tests,
 * in-memory stores).
 */
@FunctionalInterface
public interface NewTransactions {

    /**
     * Runs {@code work} in a new transaction and commits it before returning. If {@code work}
     * throws, the transaction must be rolled back (nothing it did may remain) and the exception
     * propagated; an exception thrown after {@code work} returned means the commit failed.
     *
     * @param work the work, which calls the stores
     * @param <T>  what the work returns
     * @return what the work returned, once committed
     */
    <T> T inTransaction(Supplier<T> work);
}
