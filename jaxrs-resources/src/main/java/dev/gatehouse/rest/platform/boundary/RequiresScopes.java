package dev.gatehouse.rest.platform.boundary;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scopes an endpoint requires: all of {@link #value()} by default, or any one of them with
 * {@code any = true}. A method's annotation replaces its class's. Every authenticated endpoint
 * declares one; an endpoint without it is refused (fail closed).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresScopes {

    /** The scope names. */
    String[] value();

    /** True: holding any one of them is enough. False (default): all of them are required. */
    boolean any() default false;
}
