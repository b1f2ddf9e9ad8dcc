package dev.gatehouse.rest.webhooks.control;

import dev.gatehouse.commit.NewTransactions;
import dev.gatehouse.rest.testing.TestDatabase;
import dev.gatehouse.webhooks.SecretCipher;
import dev.gatehouse.webhooks.UrlPolicy;
import dev.gatehouse.webhooks.WebhookStore;
import dev.gatehouse.webhooks.Webhooks;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Publishing wired as in the WAR, on a test database: one {@link Webhooks} facade over the store of
 * the current transaction (outside one, each store call gets its own), and {@link #transactions}
 * that open a transaction the store joins — what {@code GroupCommitTransactions} is in the
 * container. Counts the transactions it opens.
 */
final class PublishingWiring {

    final Webhooks webhooks;
    final NewTransactions transactions;
    final LongAdder transactionCount = new LongAdder();

    PublishingWiring(TestDatabase db) {
        SecretCipher cipher = SecretCipher.fromBase64Key(SecretCipher.generateKey(new SecureRandom()));
        ThreadLocal<JpaWebhookStore> current = new ThreadLocal<>();
        WebhookStore perCall = db.perCallTransactions(WebhookStore.class, em -> new JpaWebhookStore(em, cipher));
        WebhookStore joined = (WebhookStore) Proxy.newProxyInstance(WebhookStore.class.getClassLoader(),
                new Class<?>[] {WebhookStore.class}, (proxy, method, args) -> {
                    try {
                        return method.invoke(current.get() != null ? current.get() : perCall, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        webhooks = Webhooks.builder().store(joined).clock(Clock.systemUTC()).random(new SecureRandom())
                .urlPolicy(UrlPolicy.builder().allowHttp(true).allowPrivateTargets(true).build()).build();
        transactions = new NewTransactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                transactionCount.increment();
                return db.inTransaction(em -> {
                    current.set(new JpaWebhookStore(em, cipher));
                    try {
                        return work.get();
                    } finally {
                        current.remove();
                    }
                });
            }
        };
    }
}
