package dev.gatehouse.rest.webhooks.control;

import dev.gatehouse.commit.GroupCommitter;
import dev.gatehouse.webhooks.RetrySchedule;
import dev.gatehouse.webhooks.Webhooks;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The deployment's webhook settings ({@code gatehouse.webhooks.*}, or the environment variables
 * {@code GATEHOUSE_WEBHOOKS_*}). Durations are written like the retry schedule's delays:
 * {@code 500ms}, {@code 15s}, {@code 5m}, {@code 24h}, {@code 5d} ({@code DurationConverter}).
 *
 * <p>Two kinds of setting, each default in one place: what the webhooks core decides (the retry
 * schedule and its jitter, attempt timeout, disable-after, manual retries, secret overlap) is
 * passed to {@link Webhooks.Builder} only when configured, so its defaults are the core's; what
 * only this deployment's workers use (concurrency, intervals, retention, the app's event types,
 * the address policy's development switches, whether REST publishes are group-committed) has its
 * default here; the group commit's batch size, window and queue are passed to
 * {@link GroupCommitter.Builder} only when configured. A value out of range stops the
 * deployment with a message naming the property.
 */
@ApplicationScoped
public class WebhookSettings {

    static final String PREFIX = "gatehouse.webhooks.";

    /** {@code allow-http}: accept {@code http://} targets (local development). */
    @Inject
    @ConfigProperty(name = PREFIX + "allow-http", defaultValue = "false")
    boolean allowHttp;

    /** {@code allow-private-targets}: accept loopback and private addresses (local development). */
    @Inject
    @ConfigProperty(name = PREFIX + "allow-private-targets", defaultValue = "false")
    boolean allowPrivateTargets;

    @Inject
    @ConfigProperty(name = PREFIX + "retry-schedule")
    Optional<String> retrySchedule = Optional.empty();

    @Inject
    @ConfigProperty(name = PREFIX + "retry-jitter")
    Optional<Double> retryJitter = Optional.empty();

    @Inject
    @ConfigProperty(name = PREFIX + "attempt-timeout")
    Optional<Duration> attemptTimeout = Optional.empty();

    @Inject
    @ConfigProperty(name = PREFIX + "disable-after")
    Optional<Duration> disableAfter = Optional.empty();

    @Inject
    @ConfigProperty(name = PREFIX + "max-manual-retries")
    Optional<Integer> maxManualRetries = Optional.empty();

    @Inject
    @ConfigProperty(name = PREFIX + "secret-overlap")
    Optional<Duration> secretOverlap = Optional.empty();

    /** {@code retention-days}: finished deliveries are purged after this many days. */
    @Inject
    @ConfigProperty(name = PREFIX + "retention-days", defaultValue = "30")
    int retentionDays;

    /** {@code concurrency}: sends in flight per instance. */
    @Inject
    @ConfigProperty(name = PREFIX + "concurrency", defaultValue = "16")
    int concurrency;

    /** {@code poll-interval}: how often each instance looks for due deliveries. */
    @Inject
    @ConfigProperty(name = PREFIX + "poll-interval", defaultValue = "250ms")
    Duration pollInterval;

    /** {@code purge-interval}: how often old deliveries are purged. */
    @Inject
    @ConfigProperty(name = PREFIX + "purge-interval", defaultValue = "24h")
    Duration purgeInterval;

    /** {@code health-check-interval}: how often long-failing endpoints are disabled. */
    @Inject
    @ConfigProperty(name = PREFIX + "health-check-interval", defaultValue = "15m")
    Duration healthInterval;

    /** {@code event-types}: the deploying app's types, {@code type=description;…}. */
    @Inject
    @ConfigProperty(name = PREFIX + "event-types")
    Optional<String> eventTypes = Optional.empty();

    /** {@code workers}: false runs no delivery workers on this instance. */
    @Inject
    @ConfigProperty(name = PREFIX + "workers", defaultValue = "true")
    boolean workersEnabled;

    /** {@code group-commit.enabled}: false publishes each REST event in a transaction of its own. */
    @Inject
    @ConfigProperty(name = PREFIX + "group-commit.enabled", defaultValue = "true")
    boolean groupCommit;

    @Inject
    @ConfigProperty(name = PREFIX + "group-commit.max-batch")
    Optional<Integer> groupCommitMaxBatch = Optional.empty();

    @Inject
    @ConfigProperty(name = PREFIX + "group-commit.window-micros")
    Optional<Long> groupCommitWindowMicros = Optional.empty();

    @Inject
    @ConfigProperty(name = PREFIX + "group-commit.queue-capacity")
    Optional<Integer> groupCommitQueueCapacity = Optional.empty();

    private Map<String, String> appEventTypes = Map.of();

    /** Checks the ranges of the deployment's own settings and reads the app's event types. */
    @PostConstruct
    void check() {
        requireRange("concurrency", concurrency, 1, 1024);
        requireRange("retention-days", retentionDays, 1, 3650);
        requirePositive("poll-interval", pollInterval);
        requirePositive("purge-interval", purgeInterval);
        requirePositive("health-check-interval", healthInterval);
        appEventTypes = eventTypes.map(WebhookSettings::parseEventTypes).orElse(Map.of());
    }

    /**
     * Hands what is configured of the core's settings to its builder; the rest keeps the core's defaults.
     *
     * @param builder the webhooks builder
     * @param random  the jitter's randomness
     * @return the builder
     */
    Webhooks.Builder configure(Webhooks.Builder builder, SecureRandom random) {
        if (retrySchedule.isPresent() || retryJitter.isPresent()) {
            RetrySchedule schedule;
            try {
                schedule = retrySchedule.map(RetrySchedule::parse).orElseGet(RetrySchedule::standard);
            } catch (IllegalArgumentException e) {
                throw invalid("retry-schedule", e.getMessage());
            }
            try {
                builder.retrySchedule(schedule.withJitter(retryJitter.orElse(RetrySchedule.DEFAULT_JITTER), random));
            } catch (IllegalArgumentException e) {
                throw invalid("retry-jitter", e.getMessage());
            }
        }
        attemptTimeout.ifPresent(builder::attemptTimeout);
        disableAfter.ifPresent(builder::disableAfter);
        maxManualRetries.ifPresent(builder::maxManualRetries);
        secretOverlap.ifPresent(builder::secretOverlap);
        return builder;
    }

    /**
     * Hands what is configured of the REST publishing group commit to its builder; the rest keeps
     * {@link GroupCommitter.Builder}'s defaults.
     *
     * @param builder the group committer's builder
     * @return the builder
     */
    <I, O> GroupCommitter.Builder<I, O> configure(GroupCommitter.Builder<I, O> builder) {
        try {
            groupCommitMaxBatch.ifPresent(builder::maxBatch);
        } catch (IllegalArgumentException e) {
            throw invalid("group-commit.max-batch", e.getMessage());
        }
        try {
            groupCommitWindowMicros.ifPresent(micros -> builder.window(Duration.ofNanos(Math.multiplyExact(micros, 1000L))));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw invalid("group-commit.window-micros", e.getMessage());
        }
        try {
            groupCommitQueueCapacity.ifPresent(builder::queueCapacity);
        } catch (IllegalArgumentException e) {
            throw invalid("group-commit.queue-capacity", e.getMessage());
        }
        return builder;
    }

    public boolean groupCommit() {
        return groupCommit;
    }

    public boolean allowHttp() {
        return allowHttp;
    }

    public boolean allowPrivateTargets() {
        return allowPrivateTargets;
    }

    public int concurrency() {
        return concurrency;
    }

    public Duration retention() {
        return Duration.ofDays(retentionDays);
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    public Duration purgeInterval() {
        return purgeInterval;
    }

    public Duration healthInterval() {
        return healthInterval;
    }

    public Map<String, String> appEventTypes() {
        return appEventTypes;
    }

    public boolean workersEnabled() {
        return workersEnabled;
    }

    /** Parses {@code type=description;…}; each type is written like {@code post.created}. */
    static Map<String, String> parseEventTypes(String value) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String entry : value.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String type = (eq < 0 ? entry : entry.substring(0, eq)).trim();
            String description = eq < 0 ? "" : entry.substring(eq + 1).trim();
            if (!type.matches("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*")) {
                throw invalid("event-types", "'" + type + "' is not an event type such as post.created");
            }
            out.put(type, description);
        }
        return Map.copyOf(out);
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw invalid(name, "must be an integer from " + min + " to " + max + " but was " + value);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw invalid(name, "must be a positive duration such as 500ms, 15s, 5m, 24h or 5d");
        }
    }

    private static IllegalArgumentException invalid(String name, String message) {
        return new IllegalArgumentException(PREFIX + name + " " + message);
    }
}
