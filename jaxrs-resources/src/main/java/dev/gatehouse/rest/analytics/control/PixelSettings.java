package dev.gatehouse.rest.analytics.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The pixel's settings ({@code gatehouse.pixel.*}); each default is here and only here. */
@ApplicationScoped
public class PixelSettings {

    @Inject
    @ConfigProperty(name = "gatehouse.pixel.queue-capacity", defaultValue = "100000")
    int queueCapacity;

    @Inject
    @ConfigProperty(name = "gatehouse.pixel.flush-interval-ms", defaultValue = "1000")
    long flushIntervalMs;

    @Inject
    @ConfigProperty(name = "gatehouse.pixel.batch-size", defaultValue = "2000")
    int batchSize;

    @Inject
    @ConfigProperty(name = "gatehouse.pixel.retention-days", defaultValue = "30")
    int retentionDays;

    @Inject
    @ConfigProperty(name = "gatehouse.pixel.site-cache-seconds", defaultValue = "30")
    int siteCacheSeconds;

    @Inject
    @ConfigProperty(name = "gatehouse.pixel.max-body-bytes", defaultValue = "8192")
    int maxBodyBytes;

    public int queueCapacity() {
        return Math.max(1, queueCapacity);
    }

    public long flushIntervalMs() {
        return Math.max(10, flushIntervalMs);
    }

    public int batchSize() {
        return Math.max(1, batchSize);
    }

    public int retentionDays() {
        return Math.max(1, retentionDays);
    }

    public int siteCacheSeconds() {
        return Math.max(0, siteCacheSeconds);
    }

    public int maxBodyBytes() {
        return Math.max(256, maxBodyBytes);
    }
}
