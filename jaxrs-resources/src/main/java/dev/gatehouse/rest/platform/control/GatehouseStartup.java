package dev.gatehouse.rest.platform.control;

import dev.gatehouse.rest.cluster.control.CacheChangeListener;
import dev.gatehouse.rest.cluster.control.RetentionJobs;
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
    RetentionJobs retentionJobs;

    @Inject
    CacheChangeListener cacheChanges;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        lastUsed.start();
        retentionJobs.start();
        cacheChanges.start();
        // Last: a key printed by a start-up that then fails would be one nobody can use again.
        rootKey.run();
    }
}
