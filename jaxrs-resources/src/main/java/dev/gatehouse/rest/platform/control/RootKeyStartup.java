package dev.gatehouse.rest.platform.control;

import jakarta.inject.Inject;
import jakarta.servlet.GenericServlet;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

/**
 * The last start-up step: creates (and prints) the root key, or takes the configured one. It is a
 * servlet with no mapping and a high {@code load-on-startup} in {@code web.xml} because a
 * container starts such servlets only after every {@code ServletContextListener} has succeeded
 * (whose order among annotated listeners is unspecified) and after the JAX-RS runtime's own
 * servlet ({@code load-on-startup} 1): a deploy that fails anywhere before does not print, or keep,
 * a key that nobody can use again.
 */
public class RootKeyStartup extends GenericServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient RootKeyBootstrap rootKey;

    @Override
    public void init() {
        rootKey.run();
    }

    /** Never called: the servlet has no mapping. */
    @Override
    public void service(ServletRequest request, ServletResponse response) {
        throw new UnsupportedOperationException("not a request handler");
    }
}
