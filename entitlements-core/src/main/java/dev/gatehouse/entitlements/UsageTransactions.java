package dev.gatehouse.entitlements;

import dev.gatehouse.commit.NewTransactions;

/**
 * Runs work in a transaction of its own — how {@link GroupCommit} gives a batch of recordings one
 * commit. The host implements it on its transaction manager (in Jakarta EE, a
 * {@code @Transactional(REQUIRES_NEW)} method); the {@link UsageStore} must join that transaction.
 * The contract is {@link NewTransactions}'s.
 */
@FunctionalInterface
public interface UsageTransactions extends NewTransactions {
}
