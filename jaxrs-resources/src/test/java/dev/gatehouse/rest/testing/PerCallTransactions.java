package dev.gatehouse.rest.testing;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.Function;

/**
 * Gives a JPA store outside the container what {@code @Transactional} gives it inside: every call
 * on the returned interface runs in its own entity manager and transaction, committed when the call
 * returns and rolled back when it throws. Concurrent callers get separate transactions, so row
 * locks behave as between two workers.
 */
public final class PerCallTransactions {

    private PerCallTransactions() {
    }

    public static <T> T wrap(Class<T> api, EntityManagerFactory emf, Function<EntityManager, ? extends T> storeFor) {
        Object proxy = Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> self == args[0];
                    case "hashCode" -> System.identityHashCode(self);
                    default -> "PerCallTransactions[" + api.getSimpleName() + "]";
                };
            }
            EntityManager em = emf.createEntityManager();
            EntityTransaction tx = em.getTransaction();
            try {
                tx.begin();
                Object result = method.invoke(storeFor.apply(em), args);
                tx.commit();
                return result;
            } catch (InvocationTargetException failed) {
                throw failed.getCause();
            } finally {
                if (tx.isActive()) {
                    tx.rollback();
                }
                em.close();
            }
        });
        return api.cast(proxy);
    }
}
