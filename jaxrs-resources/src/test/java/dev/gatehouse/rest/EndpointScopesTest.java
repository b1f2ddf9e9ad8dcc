package dev.gatehouse.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.keys.ScopeCatalog;
import dev.gatehouse.rest.platform.boundary.Public;
import dev.gatehouse.rest.platform.boundary.RequiresScopes;
import dev.gatehouse.rest.platform.boundary.RootOnly;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint Gatehouse registers declares its scopes (or is explicitly public), and only known
 * ones; the root-only operations are declared with {@link RootOnly}, on top of their scopes.
 */
class EndpointScopesTest {

    @Test
    void everyResourceMethod_declaresScopesOrIsPublic() {
        List<String> undeclared = new ArrayList<>();
        for (Method m : resourceMethods()) {
            Class<?> c = m.getDeclaringClass();
            boolean declared = m.isAnnotationPresent(RequiresScopes.class) || m.isAnnotationPresent(Public.class)
                    || c.isAnnotationPresent(RequiresScopes.class) || c.isAnnotationPresent(Public.class);
            if (!declared) {
                undeclared.add(c.getSimpleName() + "." + m.getName());
            }
        }
        assertThat(resourceMethods()).hasSizeGreaterThan(10);
        assertThat(undeclared).as("endpoints without @RequiresScopes or @Public").isEmpty();
    }

    @Test
    void everyDeclaredScope_isInTheCatalog() {
        ScopeCatalog catalog = ScopeCatalog.builtIn();
        List<String> unknown = new ArrayList<>();
        for (Method m : resourceMethods()) {
            RequiresScopes r = m.getAnnotation(RequiresScopes.class);
            if (r != null) {
                unknown.addAll(catalog.unknown(Arrays.asList(r.value())));
            }
        }
        assertThat(unknown).isEmpty();
    }

    @Test
    void rootOnlyMethods_alsoDeclareScopesAndAreNotPublic() {
        List<String> wrong = new ArrayList<>();
        for (Method m : resourceMethods()) {
            if (m.isAnnotationPresent(RootOnly.class)
                    && (!m.isAnnotationPresent(RequiresScopes.class) || m.isAnnotationPresent(Public.class))) {
                wrong.add(m.getDeclaringClass().getSimpleName() + "." + m.getName());
            }
        }
        assertThat(wrong).as("@RootOnly adds to @RequiresScopes, never replaces it").isEmpty();
    }

    @Test
    void rootOnlyMethods_areTheOperatorOperations() {
        List<String> rootOnly = new ArrayList<>();
        for (Method m : resourceMethods()) {
            if (m.isAnnotationPresent(RootOnly.class)) {
                rootOnly.add(m.getDeclaringClass().getSimpleName() + "." + m.getName());
            }
        }
        assertThat(rootOnly).containsExactlyInAnyOrder("WorkspacesResource.create", "ApiKeysResource.revokeMinted",
                "EntitlementsResource.setOverride", "EntitlementsResource.removeOverride", "EntitlementsResource.adjust");
    }

    private static List<Method> resourceMethods() {
        List<Method> out = new ArrayList<>();
        for (Class<?> c : Gatehouse.restClasses()) {
            if (!c.isAnnotationPresent(Path.class)) {
                continue;
            }
            for (Method m : c.getDeclaredMethods()) {
                if (Arrays.stream(m.getAnnotations()).anyMatch(a -> a.annotationType().isAnnotationPresent(HttpMethod.class))) {
                    out.add(m);
                }
            }
        }
        return out;
    }
}
