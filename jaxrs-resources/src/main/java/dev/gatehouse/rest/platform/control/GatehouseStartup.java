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
 * {@code @Initialized} observer runs too early for classes in {@code WEB-INF/lib}). The root key
 * is not made here but by {@link RootKeyStartup}, after every listener and the JAX-RS runtime
 * have started.
 *
 * <p>On stop, while the web application's data source is certainly still there (earlier than a
 * CDI {@code @PreDestroy}, whose order against the server's own shutdown is not specified), it
 * writes the keys' last uses and then lets go of the embedded H2 database
 * ({@link EmbeddedDatabaseHold}).
 */
@WebListener
public class GatehouseStartup implements ServletContextListener {

    @Inject
    LastUsedFlusher lastUsed;

    @Inject
    RetentionJobs retentionJobs;

    @Inject
    CacheChangeListener cacheChanges;

    private EmbeddedDatabaseHold embeddedDatabase;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        embeddedDatabase = EmbeddedDatabaseHold.open();
        try {
            lastUsed.start();
            retentionJobs.start();
            cacheChanges.start();
        } catch (RuntimeException e) {
            embeddedDatabase.close(); // a failed start gets no contextDestroyed
            throw e;
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        try {
            lastUsed.stop();
        } finally {
            if (embeddedDatabase != null) {
                embeddedDatabase.close();
            }
        }
    }
}
