package dev.gatehouse.rest.entitlements.boundary;

import dev.gatehouse.entitlements.RateLimitDecision;
import dev.gatehouse.entitlements.RateLimitExceededException;
import dev.gatehouse.rest.entitlements.control.RateLimits;
import dev.gatehouse.rest.platform.boundary.Caller;
import dev.gatehouse.rest.platform.boundary.CurrentRequest;
import dev.gatehouse.rest.platform.boundary.ResponseHeaders;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.time.Clock;
import java.time.Duration;

/**
 * Per-key rate limits, right after authentication: every authenticated request takes one token
 * from its key's bucket (see {@link RateLimits} for the tier), every request to a {@code @Public}
 * endpoint one from its client address's bucket. An empty bucket is a {@code 429
 * rate_limit_exceeded} with {@code Retry-After}.
 *
 * <p>Every such response — including errors — carries {@code X-RateLimit-Limit} (the bucket
 * capacity), {@code X-RateLimit-Remaining}, {@code X-RateLimit-Reset} (Unix seconds when the bucket
 * is full again) and the IETF fields of draft-ietf-httpapi-ratelimit-headers-07,
 * {@code RateLimit-Policy: <quota>;w=60[;burst=<capacity>]} and
 * {@code RateLimit: limit=…, remaining=…, reset=<seconds>}. A request refused by the authentication
 * filter's scope check still counts: it is taken when the response leaves.
 *
 * <p>Behind a reverse proxy set {@code gatehouse.rate-limit.trust-forwarded-for=true}: the client
 * address is then the last entry of {@code X-Forwarded-For} (the one the proxy added), else the
 * connection's peer address.
 *
 * <p>Not a CDI bean, like the other filters: one instance per JAX-RS application, so its
 * {@code @Context} proxies belong to the application that runs it (an {@code @ApplicationScoped}
 * filter was shared by a second application in the same WAR and answered 500 there: "Not inside a
 * request scope"). Its setting is read by {@link RateLimits}, a CDI bean, so no
 * {@code @ConfigProperty} reaches the JAX-RS runtime (GlassFish's cannot resolve the qualifier).
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 1)
public class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {

    static final String DECISION = "gatehouse.rate-limit.decision";

    @Inject
    RateLimits rateLimits;

    @Inject
    CurrentRequest current;

    @Inject
    Clock clock;

    @Context
    ResourceInfo resource;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        if (resource.getResourceMethod() == null) {
            return;
        }
        Caller caller = current.caller();
        // The authentication filter has run: no caller here means a @Public endpoint.
        RateLimitDecision decision = caller != null
                ? rateLimits.consume(caller.rateLimitBucket(), caller.key())
                : rateLimits.consumeAnonymous(request.getHeaderString("X-Forwarded-For"),
                        servletRequest == null ? null : servletRequest.getRemoteAddr());
        request.setProperty(DECISION, decision);
        if (!decision.allowed()) {
            throw new RateLimitExceededException(decision);
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        RateLimitDecision decision = (RateLimitDecision) request.getProperty(DECISION);
        if (decision == null) {
            Caller caller = caller();
            if (caller == null) {
                return;
            }
            decision = rateLimits.consume(caller.rateLimitBucket(), caller.key()); // refused by the scope check before our request filter
        }
        headers(decision, clock, ResponseHeaders.of(response.getHeaders()));
    }

    /**
     * The headers every answer that took from a bucket carries, errors included; also written by
     * the pixel's path in front of Jersey.
     */
    public static void headers(RateLimitDecision decision, Clock clock, ResponseHeaders headers) {
        long resetSeconds = Math.max(0, ceilSeconds(Duration.between(clock.instant(), decision.resetAt())));
        long resetEpoch = decision.resetAt().getEpochSecond() + (decision.resetAt().getNano() > 0 ? 1 : 0);
        headers.set("X-RateLimit-Limit", Long.toString(decision.limit()));
        headers.set("X-RateLimit-Remaining", Long.toString(decision.remaining()));
        headers.set("X-RateLimit-Reset", Long.toString(resetEpoch));
        headers.set("RateLimit-Policy", decision.policy());
        headers.set("RateLimit", "limit=" + decision.limit() + ", remaining=" + decision.remaining()
                + ", reset=" + resetSeconds);
    }

    private Caller caller() {
        try {
            return current.caller();
        } catch (RuntimeException noRequestScope) {
            return null;
        }
    }

    private static long ceilSeconds(Duration d) {
        return d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
    }
}
