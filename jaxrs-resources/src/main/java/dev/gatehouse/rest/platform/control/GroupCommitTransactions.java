package dev.gatehouse.rest.platform.control;

import dev.gatehouse.commit.NewTransactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.function.Supplier;

/**
 * A JTA transaction of its own for each group-commit batch (or lone item): usage recording's
 * ({@code UsageRecorder}: {@code JpaUsageStore} and the threshold listener's webhook outbox join
 * it, so a batch's usage, events, marks and notifications commit or roll back together) and REST
 * publishing's ({@code EventBatches}: a batch's events and deliveries commit together).
 */
@ApplicationScoped
public class GroupCommitTransactions implements NewTransactions {

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public <T> T inTransaction(Supplier<T> work) {
        return work.get();
    }
}
