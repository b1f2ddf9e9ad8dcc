package dev.gatehouse.rest.entitlements.boundary;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Meters a resource method against the caller's workspace plan: before the method runs,
 * {@link EntitledFilter} checks that {@link #quantity()} more of {@link #value()} fits (else
 * {@code 403 feature_limit_reached}, and the method does not run); after a 2xx response it records
 * the usage.
 *
 * <pre>{@code
 * @POST @Entitled("posts") @RequiresScopes("posts:write")
 * public Response create(JsonBody body) { ... }
 * }</pre>
 *
 * The record happens after the method's transaction has committed, so two requests racing for the
 * last unit can both pass the check; the store still never goes past the hard limit, and the loser's
 * usage is not recorded (logged). Where that matters, record inside the method with
 * {@link WorkspaceUsage}, which refuses and rolls back atomically.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Entitled {

    /** The feature key, as in the plan catalog. */
    String value();

    /** How much one successful call uses; at least 1. */
    long quantity() default 1;
}
