package dev.gatehouse.rest.platform.control;

import dev.gatehouse.rest.idempotency.control.IdempotencyPurger;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Start-up work that needs the database: runs when the web application starts, where the
 * container has set up the naming context the persistence unit is looked up in (a CDI
 * {@code @Initialized} observer runs too early for classes in {@code WEB-INF/lib}).
 */
@WebListener
public class GatehouseStartup implements ServletContextListener {

    @Inject
    RootKeyBootstrap rootKey;

    @Inject
    LastUsedFlusher lastUsed;

    @Inject
    IdempotencyPurger idempotencyPurger;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        rootKey.run();
        lastUsed.start();
        idempotencyPurger.start();
    }
}
