package dev.gatehouse.rest.platform.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Runs work once the current transaction has committed — cache invalidation, for instance, must
 * not run before the change is visible, or another request could cache the old state again.
 * Without a transaction the work runs at once.
 */
@ApplicationScoped
public class AfterCommit {

    @Resource
    TransactionSynchronizationRegistry registry;

    public void run(Runnable work) {
        if (registry == null || registry.getTransactionStatus() != Status.STATUS_ACTIVE) {
            work.run();
            return;
        }
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    work.run();
                }
            }
        });
    }
}
