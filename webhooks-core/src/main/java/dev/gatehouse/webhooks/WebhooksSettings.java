package dev.gatehouse.webhooks;

import dev.gatehouse.errors.BuilderSettings;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The settings {@link Webhooks.Builder} collects, each with its default and its check: the one
 * place a webhook default lives. Package-private; its public setters are reached through
 * {@link Webhooks.Builder}, as {@code StringBuilder}'s are through its package-private base.
 */
abstract class WebhooksSettings {

    private final BuilderSettings settings = new BuilderSettings();

    WebhookStore store;
    WebhookSender sender;
    Clock clock = Clock.systemUTC();
    SecureRandom random;
    RetrySchedule retrySchedule;
    UrlPolicy urlPolicy = UrlPolicy.strict();
    Duration attemptTimeout = Duration.ofSeconds(15);
    Duration disableAfter = Duration.ofDays(5);
    int maxManualRetries = 5;
    Duration secretOverlap = Duration.ofHours(24);
    WebhookListener listener = (endpoint, reason) -> { };
    Executor executor = Runnable::run;
    int maxConcurrentSends = 1;

    /**
     * Sets the storage. Required.
     *
     * @param store the store
     * @return this builder
     */
    public Webhooks.Builder store(WebhookStore store) {
        settings.once("store");
        this.store = BuilderSettings.requireNonNull("store", store);
        return self();
    }

    /**
     * Sets how requests are made. Default: an {@link HttpClientSender} with this builder's
     * URL policy and clock.
     *
     * @param sender the sender
     * @return this builder
     */
    public Webhooks.Builder sender(WebhookSender sender) {
        settings.once("sender");
        this.sender = BuilderSettings.requireNonNull("sender", sender);
        return self();
    }

    /**
     * Sets the clock for every timestamp and due time. Default: system UTC.
     *
     * @param clock the clock
     * @return this builder
     */
    public Webhooks.Builder clock(Clock clock) {
        settings.once("clock");
        this.clock = BuilderSettings.requireNonNull("clock", clock);
        return self();
    }

    /**
     * Sets the randomness for secrets, event ids and the default schedule's jitter.
     * Default: a new {@link SecureRandom}.
     *
     * @param random the source of randomness
     * @return this builder
     */
    public Webhooks.Builder random(SecureRandom random) {
        settings.once("random");
        this.random = BuilderSettings.requireNonNull("random", random);
        return self();
    }

    /**
     * Sets the retry schedule. Default: {@link RetrySchedule#standard()} with ±20 % jitter from
     * this builder's random source.
     *
     * @param retrySchedule the schedule
     * @return this builder
     */
    public Webhooks.Builder retrySchedule(RetrySchedule retrySchedule) {
        settings.once("retrySchedule");
        this.retrySchedule = BuilderSettings.requireNonNull("retrySchedule", retrySchedule);
        return self();
    }

    /**
     * Sets the rules endpoint URLs must pass. Default: {@link UrlPolicy#strict()}.
     *
     * @param urlPolicy the policy
     * @return this builder
     */
    public Webhooks.Builder urlPolicy(UrlPolicy urlPolicy) {
        settings.once("urlPolicy");
        this.urlPolicy = BuilderSettings.requireNonNull("urlPolicy", urlPolicy);
        return self();
    }

    /**
     * Sets the longest one attempt may take. Default: 15 seconds.
     *
     * @param attemptTimeout a positive duration
     * @return this builder
     */
    public Webhooks.Builder attemptTimeout(Duration attemptTimeout) {
        settings.once("attemptTimeout");
        this.attemptTimeout = positive(attemptTimeout, "attemptTimeout");
        return self();
    }

    /**
     * Sets how long an endpoint may fail without a single success before it is disabled.
     * Default: 5 days.
     *
     * @param disableAfter a positive duration
     * @return this builder
     */
    public Webhooks.Builder disableAfter(Duration disableAfter) {
        settings.once("disableAfter");
        this.disableAfter = positive(disableAfter, "disableAfter");
        return self();
    }

    /**
     * Sets how many times one delivery may be retried by hand. Default: 5.
     *
     * @param maxManualRetries zero or more
     * @return this builder
     */
    public Webhooks.Builder maxManualRetries(int maxManualRetries) {
        settings.once("maxManualRetries");
        this.maxManualRetries = (int) BuilderSettings.requireAtLeast("maxManualRetries", maxManualRetries, 0);
        return self();
    }

    /**
     * Sets how long a rotated-out secret keeps signing. Default: 24 hours.
     *
     * @param secretOverlap zero or more
     * @return this builder
     */
    public Webhooks.Builder secretOverlap(Duration secretOverlap) {
        settings.once("secretOverlap");
        BuilderSettings.requireNonNull("secretOverlap", secretOverlap);
        if (secretOverlap.isNegative()) {
            throw new IllegalArgumentException("secretOverlap must not be negative, got " + secretOverlap);
        }
        this.secretOverlap = secretOverlap;
        return self();
    }

    /**
     * Sets who hears about automatically disabled endpoints. Default: nobody.
     *
     * @param listener the listener
     * @return this builder
     */
    public Webhooks.Builder listener(WebhookListener listener) {
        settings.once("listener");
        this.listener = BuilderSettings.requireNonNull("listener", listener);
        return self();
    }

    /**
     * Sets where {@link Webhooks#deliverDue(int)} runs sends. Default: the calling thread. Raise
     * {@link #maxConcurrentSends(int)} together with a pooled executor.
     *
     * @param executor the executor
     * @return this builder
     */
    public Webhooks.Builder executor(Executor executor) {
        settings.once("executor");
        this.executor = BuilderSettings.requireNonNull("executor", executor);
        return self();
    }

    /**
     * Sets how many deliveries {@link Webhooks#deliverDue(int)} claims and sends at once. Default: 1.
     *
     * @param maxConcurrentSends at least 1
     * @return this builder
     */
    public Webhooks.Builder maxConcurrentSends(int maxConcurrentSends) {
        settings.once("maxConcurrentSends");
        this.maxConcurrentSends = (int) BuilderSettings.requireAtLeast("maxConcurrentSends", maxConcurrentSends, 1);
        return self();
    }

    private Webhooks.Builder self() {
        return (Webhooks.Builder) this;
    }

    private static Duration positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + duration);
        }
        return duration;
    }
}
