package dev.gatehouse.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * When to try a delivery again. Entry {@code n} of the delay list is the wait after {@code n}
 * attempts; entry 0 is the wait before the first attempt. The list's size is therefore the number
 * of attempts a delivery gets before it is given up.
 *
 * <p>The standard schedule is {@code 0s,5s,5m,30m,2h,5h,10h,10h}: eight attempts over about 28
 * hours. Each delay can be spread by a random jitter (the same fraction either way) so that
 * deliveries which failed together do not retry together.
 *
 * <p>A receiver's {@code Retry-After} is honoured by waiting for the longer of the scheduled delay
 * and the requested one, the requested one being capped at {@value #RETRY_AFTER_CAP_HOURS} hours so
 * that a receiver cannot park a delivery indefinitely. It never adds attempts.
 */
public final class RetrySchedule {

    /** Longest {@code Retry-After} honoured, in hours. */
    public static final int RETRY_AFTER_CAP_HOURS = 24;
    /** The jitter of the default schedule: each delay spread within ±20 % of itself. */
    public static final double DEFAULT_JITTER = 0.2;

    private static final Duration RETRY_AFTER_CAP = Duration.ofHours(RETRY_AFTER_CAP_HOURS);
    private static final String STANDARD = "0s,5s,5m,30m,2h,5h,10h,10h";

    private final List<Duration> delays;
    private final double jitter;
    private final RandomGenerator random;

    private RetrySchedule(List<Duration> delays, double jitter, RandomGenerator random) {
        this.delays = delays;
        this.jitter = jitter;
        this.random = random;
    }

    /**
     * Returns the standard schedule {@code 0s,5s,5m,30m,2h,5h,10h,10h} without jitter; add jitter
     * with {@link #withJitter(double, RandomGenerator)}.
     *
     * @return the standard schedule
     */
    public static RetrySchedule standard() {
        return parse(STANDARD);
    }

    /**
     * Makes a schedule from explicit delays, without jitter.
     *
     * @param delays the wait before attempt 1, then after attempts 1, 2, …; not empty, none negative
     * @return the schedule
     * @throws IllegalArgumentException when the list is empty or a delay is negative
     */
    public static RetrySchedule of(List<Duration> delays) {
        Objects.requireNonNull(delays, "delays");
        if (delays.isEmpty()) {
            throw new IllegalArgumentException("a retry schedule needs at least one delay");
        }
        for (Duration delay : delays) {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("retry delays must not be negative, got " + delay);
            }
        }
        return new RetrySchedule(List.copyOf(delays), 0, null);
    }

    /**
     * Parses a comma-separated list of delays such as {@code 0s,5s,5m,30m,2h,5h,10h,10h}. Each is a
     * whole number followed by {@code ms}, {@code s}, {@code m}, {@code h} or {@code d}.
     *
     * @param text the delay list
     * @return the schedule, without jitter
     * @throws IllegalArgumentException naming the first element that is not a delay
     */
    public static RetrySchedule parse(String text) {
        Objects.requireNonNull(text, "text");
        List<Duration> delays = new ArrayList<>();
        for (String element : text.split(",", -1)) {
            delays.add(parseDelay(element.trim()));
        }
        return of(delays);
    }

    /**
     * Returns a copy that spreads each delay uniformly within {@code ±fraction} of itself.
     *
     * @param fraction the spread, from 0 (none) up to but excluding 1; 0.2 means ±20 %
     * @param random   the source of randomness
     * @return the jittered schedule
     * @throws IllegalArgumentException when {@code fraction} is outside {@code [0, 1)}
     */
    public RetrySchedule withJitter(double fraction, RandomGenerator random) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("jitter must be in [0, 1), got " + fraction);
        }
        return new RetrySchedule(delays, fraction, Objects.requireNonNull(random, "random"));
    }

    /**
     * Returns when the next attempt is due.
     *
     * @param attemptsMade how many attempts were made so far (0 before the first)
     * @param now          the current instant
     * @param retryAfter   the delay the receiver asked for, if any
     * @return the due instant, or empty when the schedule is exhausted
     */
    public Optional<Instant> nextAttemptAt(int attemptsMade, Instant now, Optional<Duration> retryAfter) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (attemptsMade < 0) {
            throw new IllegalArgumentException("attemptsMade must not be negative, got " + attemptsMade);
        }
        if (attemptsMade >= delays.size()) {
            return Optional.empty();
        }
        Duration wait = jittered(delays.get(attemptsMade));
        Optional<Duration> requested = retryAfter.filter(d -> !d.isNegative())
                .map(d -> d.compareTo(RETRY_AFTER_CAP) > 0 ? RETRY_AFTER_CAP : d);
        if (requested.isPresent() && requested.get().compareTo(wait) > 0) {
            wait = requested.get();
        }
        return Optional.of(now.plus(wait));
    }

    /**
     * Reads a {@code Retry-After} header: delta-seconds or an IMF-fixdate (RFC 1123) HTTP-date.
     * A date in the past means zero.
     *
     * @param headerValue the header value; may be {@code null}
     * @param clock       the clock a date is measured from
     * @return the requested delay, or empty when absent or unreadable
     */
    public static Optional<Duration> parseRetryAfter(String headerValue, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        if (headerValue == null || headerValue.isBlank()) {
            return Optional.empty();
        }
        String value = headerValue.trim();
        if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            if (value.length() > 12) {
                return Optional.of(RETRY_AFTER_CAP.multipliedBy(2)); // absurdly large; capped by nextAttemptAt
            }
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Instant date = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration delay = Duration.between(clock.instant(), date);
            return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * Returns the delays without jitter.
     *
     * @return an unmodifiable list
     */
    public List<Duration> delays() {
        return delays;
    }

    /**
     * Returns how many attempts a delivery gets.
     *
     * @return the size of the delay list
     */
    public int maxAttempts() {
        return delays.size();
    }

    /**
     * Returns the jitter fraction.
     *
     * @return 0 when delays are used as they are
     */
    public double jitter() {
        return jitter;
    }

    @Override
    public String toString() {
        return "RetrySchedule[" + delays.stream().map(RetrySchedule::format).collect(Collectors.joining(","))
                + ", jitter=" + jitter + "]";
    }

    private Duration jittered(Duration delay) {
        if (jitter == 0 || delay.isZero()) {
            return delay;
        }
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        return Duration.ofMillis(Math.round(delay.toMillis() * factor));
    }

    /**
     * Parses one delay: a whole number (at most nine digits) followed by {@code ms}, {@code s},
     * {@code m}, {@code h} or {@code d}, such as {@code 500ms}, {@code 15s} or {@code 5d}. The one
     * place this duration format is read, for the schedule and for every duration setting.
     *
     * @param element the text, without surrounding blanks
     * @return the duration, zero or more
     * @throws IllegalArgumentException when the text is not such a delay
     */
    public static Duration parseDelay(String element) {
        String lower = element.toLowerCase(Locale.ROOT);
        int split = 0;
        while (split < lower.length() && Character.isDigit(lower.charAt(split))) {
            split++;
        }
        if (split == 0 || split > 9) {
            throw new IllegalArgumentException("not a retry delay: '" + element + "'");
        }
        long amount = Long.parseLong(lower.substring(0, split));
        switch (lower.substring(split)) {
            case "ms":
                return Duration.ofMillis(amount);
            case "s":
                return Duration.ofSeconds(amount);
            case "m":
                return Duration.ofMinutes(amount);
            case "h":
                return Duration.ofHours(amount);
            case "d":
                return Duration.ofDays(amount);
            default:
                throw new IllegalArgumentException("not a retry delay: '" + element + "'");
        }
    }

    private static String format(Duration delay) {
        long millis = delay.toMillis();
        if (millis % 86_400_000 == 0 && millis > 0) {
            return millis / 86_400_000 + "d";
        }
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
