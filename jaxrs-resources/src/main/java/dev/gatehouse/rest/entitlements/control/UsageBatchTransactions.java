package dev.gatehouse.rest.entitlements.control;

import dev.gatehouse.entitlements.UsageTransactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.function.Supplier;

/**
 * A JTA transaction of its own for each usage batch (or lone recording): {@link JpaUsageStore} and
 * the threshold listener's webhook outbox join it, so a batch's usage, events, marks and
 * notifications commit or roll back together.
 */
@ApplicationScoped
public class UsageBatchTransactions implements UsageTransactions {

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public <T> T inTransaction(Supplier<T> work) {
        return work.get();
    }
}
