package dev.gatehouse.rest.keys.boundary;

import dev.gatehouse.keys.ApiKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.function.Predicate;

/**
 * Extra verdicts on a valid key that other features contribute: the rate limiter registers a
 * {@code Predicate<ApiKey>} bean qualified {@link RateLimited} that says whether the key's budget
 * is used up, and {@code POST /keys/verify} then answers {@code RATE_LIMITED}.
 */
@ApplicationScoped
public class KeyVerdicts {

    @Inject
    @RateLimited
    Instance<Predicate<ApiKey>> rateLimited;

    boolean rateLimited(ApiKey key) {
        for (Predicate<ApiKey> p : rateLimited) {
            if (p.test(key)) {
                return true;
            }
        }
        return false;
    }

    /** Qualifies the predicate that tells whether a key is over its rate limit (without consuming). */
    @jakarta.inject.Qualifier
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target({java.lang.annotation.ElementType.METHOD, java.lang.annotation.ElementType.FIELD,
            java.lang.annotation.ElementType.PARAMETER, java.lang.annotation.ElementType.TYPE})
    public @interface RateLimited {
    }
}
