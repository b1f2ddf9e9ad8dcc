package dev.gatehouse.rest.platform.boundary;

import dev.gatehouse.entitlements.FeatureLimitReachedException;
import dev.gatehouse.entitlements.RateLimitDecision;
import dev.gatehouse.entitlements.RateLimitExceededException;
import dev.gatehouse.errors.ValidationException;
import dev.gatehouse.keys.InvalidVerificationCodeException;
import dev.gatehouse.keys.KeyLimitReachedException;
import dev.gatehouse.keys.KeyNotFoundException;
import dev.gatehouse.keys.MalformedKeyException;
import dev.gatehouse.keys.QuotaExceededException;
import dev.gatehouse.keys.ScopeEscalationException;
import dev.gatehouse.keys.UserNotFoundException;
import dev.gatehouse.keys.WorkspaceNotFoundException;
import java.time.Clock;
import java.time.Duration;

/**
 * Translates the cores' exceptions into {@link ApiException}s, so business rules stay free of HTTP
 * and the status codes are decided here, once.
 */
final class CoreErrors {

    private CoreErrors() {
    }

    /** The API error for a core exception, or null when {@code t} is not one. */
    static ApiException translate(Throwable t, Clock clock) {
        if (t instanceof ValidationException v) { // the three cores' one validation type
            return ApiException.validation(v.errors());
        }
        if (t instanceof KeyNotFoundException || t instanceof WorkspaceNotFoundException) {
            return ApiException.notFound();
        }
        if (t instanceof UserNotFoundException) {
            return new ApiException(404, "not_found", "User not found.").with("code", "user_not_found");
        }
        if (t instanceof ScopeEscalationException e) {
            return new ApiException(403, "access_denied",
                    "A key cannot grant scopes it does not hold: " + String.join(", ", e.notHeld()) + ".")
                    .with("code", "scope_escalation").with("not_held_scopes", e.notHeld()).with("recoverable", false);
        }
        if (t instanceof KeyLimitReachedException e) {
            return ApiException.badRequest("key_limit_reached",
                    "This user already has " + e.limit() + " active keys; revoke one before creating another.")
                    .with("limit", e.limit());
        }
        if (t instanceof QuotaExceededException e) {
            long retryAfter = Math.max(1, Duration.between(clock.instant(), e.resetAt()).toSeconds());
            return new ApiException(429, "rate_limit_exceeded",
                    "The daily user bootstrap quota of " + e.limit() + " is used up; it resets at " + Json.timestamp(e.resetAt()) + ".")
                    .with("code", "bootstrap_quota_exceeded").with("limit", e.limit()).with("remaining", 0)
                    .with("retry_after", retryAfter).with("reset_at", Json.timestamp(e.resetAt()))
                    .withHeader("Retry-After", Long.toString(retryAfter));
        }
        if (t instanceof InvalidVerificationCodeException) {
            return ApiException.validation("code", "is wrong or has expired.");
        }
        if (t instanceof MalformedKeyException) {
            return ApiException.validation("key", "is not a well-formed Gatehouse key.");
        }
        if (t instanceof FeatureLimitReachedException e) {
            return new ApiException(403, "feature_limit_reached", e.getMessage())
                    .with("feature", e.feature()).with("reason", e.reason()).with("limit", e.limit())
                    .with("used", e.used()).with("upgrade_url", e.upgradeUrl());
        }
        if (t instanceof RateLimitExceededException e) {
            RateLimitDecision d = e.decision();
            long retryAfter = d.retryAfter().toSeconds();
            return new ApiException(429, "rate_limit_exceeded", e.getMessage())
                    .with("retry_after", retryAfter).with("limit", d.limit()).with("remaining", d.remaining())
                    .with("reset_at", Json.timestamp(d.resetAt()))
                    .withHeader("Retry-After", Long.toString(retryAfter));
        }
        if (t instanceof dev.gatehouse.webhooks.EndpointNotFoundException) {
            return ApiException.notFound("Webhook endpoint not found.");
        }
        if (t instanceof dev.gatehouse.webhooks.DeliveryNotFoundException) {
            return ApiException.notFound("Delivery not found.");
        }
        if (t instanceof dev.gatehouse.webhooks.CannotRetryException e) {
            return ApiException.badRequest("cannot_retry", "This delivery cannot be retried: " + e.getMessage() + ".");
        }
        if (t instanceof dev.gatehouse.analytics.HitRejectedException e) {
            return e.reason() == dev.gatehouse.analytics.HitRejectedException.Reason.UNKNOWN_SITE
                    ? ApiException.badRequest("unknown_site", e.getMessage())
                    : new ApiException(403, "origin_not_allowed", e.getMessage());
        }
        if (t instanceof dev.gatehouse.analytics.SiteLimitExceededException e) {
            return new ApiException(429, "rate_limit_exceeded", e.getMessage())
                    .with("code", "site_ingest_limit").with("retry_after", e.retryAfterSeconds()).with("limit", e.limit())
                    .withHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        return null;
    }
}
