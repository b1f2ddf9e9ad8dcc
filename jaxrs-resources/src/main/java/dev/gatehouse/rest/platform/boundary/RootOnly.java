package dev.gatehouse.rest.platform.boundary;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An operation only root keys may call, checked by {@link Authentication} right after
 * {@link RequiresScopes}: any other key gets {@code 403 access_denied} with the message
 * "Only root keys can &lt;value&gt;." before the method runs. It adds to the scopes, never replaces
 * them, so a root-only endpoint still declares {@link RequiresScopes}. A rule that depends on the
 * request's content (such as changing a workspace's tier inside a wider update) stays in the
 * resource.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RootOnly {

    /** What the operation does, completing "Only root keys can …", e.g. {@code "create workspaces"}. */
    String value();
}
