package dev.gatehouse.rest.portal.boundary;

import dev.gatehouse.rest.portal.control.PortalSettings;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Security headers of the static portal and console pages. A strict Content-Security-Policy: only
 * this origin's scripts, styles and API (no inline script, no {@code eval}), images from here or
 * https (a configured logo); framing only by {@code gatehouse.portal.frame-ancestors}, by nobody
 * when unset, and never for the console, which holds a root key. No referrer leaves the page.
 */
@WebFilter(urlPatterns = {"/portal/*", "/console/*"})
public class PortalPageHeaders extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: https:;"
            + " connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors ";

    @Inject
    transient PortalSettings settings;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean console = request.getRequestURI().startsWith(request.getContextPath() + "/console");
        String ancestors = console || settings.frameAncestors().isEmpty() ? "'none'" : String.join(" ", settings.frameAncestors());
        response.setHeader("Content-Security-Policy", POLICY + ancestors);
        if ("'none'".equals(ancestors)) {
            response.setHeader("X-Frame-Options", "DENY"); // for browsers without frame-ancestors
        }
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        response.setHeader("Cache-Control", "no-cache");
        chain.doFilter(request, response);
    }
}
