package dev.gatehouse.rest.analytics.control;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Starts the pixel's writer and hourly job with the web application, where the container's naming
 * context (the managed scheduler) is ready; a CDI {@code @Initialized} observer runs too early for
 * classes in {@code WEB-INF/lib}.
 */
@WebListener
public class PixelStartup implements ServletContextListener {

    @Inject
    PixelIngest ingest;

    @Inject
    PixelMaintenance maintenance;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ingest.start();
        maintenance.start();
    }

    /** Writes the queued hits while the data source is still there. */
    @Override
    public void contextDestroyed(ServletContextEvent event) {
        ingest.shutdown();
    }
}
