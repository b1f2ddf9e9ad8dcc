package dev.gatehouse.it.app;

import dev.gatehouse.rest.Gatehouse;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.HashSet;
import java.util.Set;

/**
 * How a deploying app puts its own endpoints behind Gatehouse: its JAX-RS application registers
 * Gatehouse's classes (auth, scopes, rate limits, errors, entitlements) next to its resources.
 */
@ApplicationPath("/app")
public class PostsApplication extends Application {
    @Override
    public Set<Class<?>> getClasses() {
        Set<Class<?>> classes = new HashSet<>(Gatehouse.restClasses());
        classes.add(PostsResource.class);
        return classes;
    }
}
