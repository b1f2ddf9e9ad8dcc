package dev.gatehouse.rest.webhooks.control;

import dev.gatehouse.webhooks.RetrySchedule;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * The deployment's webhook settings, read once from MicroProfile Config ({@code gatehouse.webhooks.*},
 * or the environment variables {@code GATEHOUSE_WEBHOOKS_*}). Durations are written like the retry
 * schedule's delays: {@code 500ms}, {@code 15s}, {@code 5m}, {@code 24h}, {@code 5d}.
 *
 * @param allowHttp           {@code allow-http}: accept {@code http://} targets (local development)
 * @param allowPrivateTargets {@code allow-private-targets}: accept loopback and private addresses
 * @param retrySchedule       {@code retry-schedule} with {@code retry-jitter} applied later
 * @param retryJitter         {@code retry-jitter}: ±fraction spread of each delay, default 0.2
 * @param attemptTimeout      {@code attempt-timeout}, default 15s
 * @param disableAfter        {@code disable-after}: failing without success this long disables, default 5d
 * @param maxManualRetries    {@code max-manual-retries}, default 5
 * @param secretOverlap       {@code secret-overlap}: the old secret keeps signing after a rotation, default 24h
 * @param retention           {@code retention-days}: finished deliveries are purged after, default 30
 * @param concurrency         {@code concurrency}: sends in flight per instance, default 16
 * @param pollInterval        {@code poll-interval}: how often each instance looks for due deliveries, default 250ms
 * @param purgeInterval       {@code purge-interval}: how often old deliveries are purged, default 24h
 * @param healthInterval      {@code health-check-interval}: how often long-failing endpoints are disabled, default 15m
 * @param appEventTypes       {@code event-types}: the deploying app's types, {@code type=description;…}
 * @param workersEnabled      {@code workers}: false runs no delivery workers on this instance, default true
 */
public record WebhookSettings(
        boolean allowHttp,
        boolean allowPrivateTargets,
        RetrySchedule retrySchedule,
        double retryJitter,
        Duration attemptTimeout,
        Duration disableAfter,
        int maxManualRetries,
        Duration secretOverlap,
        Duration retention,
        int concurrency,
        Duration pollInterval,
        Duration purgeInterval,
        Duration healthInterval,
        Map<String, String> appEventTypes,
        boolean workersEnabled) {

    static final String PREFIX = "gatehouse.webhooks.";
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    public WebhookSettings {
        appEventTypes = Map.copyOf(appEventTypes);
    }

    /** Reads every setting; a malformed value fails with a message naming the property. */
    public static WebhookSettings read(Config config) {
        Reader r = new Reader(config);
        int concurrency = r.integer("concurrency", 16, 1, 1024);
        return new WebhookSettings(
                r.bool("allow-http"),
                r.bool("allow-private-targets"),
                r.schedule("retry-schedule"),
                r.fraction("retry-jitter", 0.2),
                r.duration("attempt-timeout", Duration.ofSeconds(15)),
                r.duration("disable-after", Duration.ofDays(5)),
                r.integer("max-manual-retries", 5, 0, 1000),
                r.duration("secret-overlap", Duration.ofHours(24)),
                Duration.ofDays(r.integer("retention-days", 30, 1, 3650)),
                concurrency,
                r.duration("poll-interval", Duration.ofMillis(250)),
                r.duration("purge-interval", Duration.ofHours(24)),
                r.duration("health-check-interval", Duration.ofMinutes(15)),
                r.eventTypes("event-types"),
                config.getOptionalValue(PREFIX + "workers", Boolean.class).orElse(true));
    }

    /** Parses {@code 15s}, {@code 500ms}, {@code 5d} …; zero is allowed where the caller allows it. */
    static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 500ms, 15s, 5m, 24h or 5d");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private record Reader(Config config) {

        String text(String name) {
            return config.getOptionalValue(PREFIX + name, String.class).map(String::trim).filter(v -> !v.isEmpty())
                    .orElse(null);
        }

        boolean bool(String name) {
            return config.getOptionalValue(PREFIX + name, Boolean.class).orElse(false);
        }

        int integer(String name, int fallback, int min, int max) {
            String value = text(name);
            if (value == null) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(value);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw invalid(name, "must be an integer from " + min + " to " + max);
        }

        double fraction(String name, double fallback) {
            String value = text(name);
            if (value == null) {
                return fallback;
            }
            try {
                double d = Double.parseDouble(value);
                if (d >= 0 && d < 1) {
                    return d;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw invalid(name, "must be a number from 0 up to (not including) 1");
        }

        Duration duration(String name, Duration fallback) {
            String value = text(name);
            if (value == null) {
                return fallback;
            }
            try {
                Duration d = parseDuration(value);
                if (!d.isZero()) {
                    return d;
                }
            } catch (IllegalArgumentException ignored) {
                // reported below
            }
            throw invalid(name, "must be a positive duration such as 500ms, 15s, 5m, 24h or 5d");
        }

        RetrySchedule schedule(String name) {
            String value = text(name);
            if (value == null) {
                return RetrySchedule.standard();
            }
            try {
                return RetrySchedule.parse(value);
            } catch (IllegalArgumentException e) {
                throw invalid(name, e.getMessage());
            }
        }

        Map<String, String> eventTypes(String name) {
            Map<String, String> out = new LinkedHashMap<>();
            String value = text(name);
            if (value == null) {
                return out;
            }
            for (String entry : value.split(";")) {
                if (entry.isBlank()) {
                    continue;
                }
                int eq = entry.indexOf('=');
                String type = (eq < 0 ? entry : entry.substring(0, eq)).trim();
                String description = eq < 0 ? "" : entry.substring(eq + 1).trim();
                if (!type.matches("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*")) {
                    throw invalid(name, "'" + type + "' is not an event type such as post.created");
                }
                out.put(type, description);
            }
            return out;
        }

        private static IllegalArgumentException invalid(String name, String message) {
            return new IllegalArgumentException(PREFIX + name + " " + message);
        }
    }
}
