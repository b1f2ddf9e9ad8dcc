package dev.gatehouse.rest.platform.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The servlet filter in front of everything the WAR serves (mapped to {@code /*} first in
 * {@code web.xml}), so that every answer the application's server gives — not only the ones
 * JAX-RS makes — is JSON in the one error shape with an {@code X-Request-ID}:
 * <ul>
 * <li>it chooses the request id (kept by {@link RequestIds} for the JAX-RS part) and sets the header;</li>
 * <li>it refuses TRACE everywhere, and a malformed path, query string, header value or {@code Content-Type}
 *     ({@link RequestSyntax}) before Jersey or a static-file servlet reads them;</li>
 * <li>a {@code sendError} from anything behind it (Jersey's own refusals, the static-file servlet's
 *     404) and an exception that escapes it become the JSON error, not the server's HTML page.</li>
 * </ul>
 * What the HTTP parser refuses before any filter runs is listed in README's "Limits" section.
 */
public class ErrorShapeFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ErrorShapeFilter.class.getName());

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String id = ServletErrors.requestId(request);
        response.setHeader(RequestIds.HEADER, id);
        ApiException refused = refusal(request);
        if (refused != null) {
            ServletErrors.write(request, response, refused);
            return;
        }
        try {
            chain.doFilter(request, new ShapedErrors(request, response));
        } catch (IOException | ServletException | RuntimeException e) {
            if (response.isCommitted()) {
                throw e;
            }
            ApiException known = known(e);
            if (known == null) {
                LOG.log(Level.SEVERE, "Unexpected failure serving request " + id, e);
                known = ApiException.forStatus(500);
            }
            ServletErrors.write(request, response, known);
        }
    }

    private static ApiException refusal(HttpServletRequest request) {
        if ("TRACE".equals(request.getMethod())) { // would echo the Authorization header back (XST)
            return ApiException.forStatus(405);
        }
        ApiException e = RequestSyntax.path(request.getRequestURI());
        if (e == null) {
            e = RequestSyntax.query(request.getQueryString());
        }
        if (e == null) {
            e = RequestSyntax.headers(request.getHeaderNames(), request::getHeaders);
        }
        if (e == null) {
            e = RequestSyntax.contentType(request.getHeader("Content-Type"));
        }
        return e;
    }

    private static ApiException known(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof ApiException api) {
                return api;
            }
        }
        return null;
    }

    /** Turns {@code sendError} into the JSON error instead of the container's error page. */
    private static final class ShapedErrors extends HttpServletResponseWrapper {
        private final HttpServletRequest request;

        ShapedErrors(HttpServletRequest request, HttpServletResponse response) {
            super(response);
            this.request = request;
        }

        @Override
        public void sendError(int status) throws IOException {
            sendError(status, null);
        }

        @Override
        public void sendError(int status, String ignoredMessage) throws IOException {
            if (isCommitted()) {
                throw new IllegalStateException("The response is already committed.");
            }
            ServletErrors.write(request, (HttpServletResponse) getResponse(), ApiException.forStatus(status));
        }
    }
}
