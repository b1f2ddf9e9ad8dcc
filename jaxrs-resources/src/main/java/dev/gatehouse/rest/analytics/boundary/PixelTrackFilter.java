package dev.gatehouse.rest.analytics.boundary;

import dev.gatehouse.entitlements.RateLimitDecision;
import dev.gatehouse.entitlements.RateLimitExceededException;
import dev.gatehouse.rest.entitlements.boundary.RateLimitFilter;
import dev.gatehouse.rest.entitlements.control.RateLimits;
import dev.gatehouse.rest.platform.boundary.ApiException;
import dev.gatehouse.rest.platform.boundary.CorsOrigins;
import dev.gatehouse.rest.platform.boundary.ErrorMappers;
import dev.gatehouse.rest.platform.boundary.RequestIds;
import dev.gatehouse.rest.platform.boundary.ResponseHeaders;
import dev.gatehouse.rest.platform.boundary.ServletErrors;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Enumeration;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code POST /api/v1/pixel/track} and its CORS preflight, served in front of Jersey: the JAX-RS
 * path (Jersey's routing, its filter chain, request-scoped beans) cost several times what a hit
 * itself costs, and {@code /pixel/track} is the one public path whose rate is set by page views
 * (BENCHMARKS.md, issue 13). Mapped in {@code web.xml} right after {@code ErrorShapeFilter}, which
 * has already chosen the request id, set {@code X-Request-ID} and refused malformed paths, headers
 * and {@code Content-Type}s.
 *
 * <p>It holds no rule of its own. What the JAX-RS filters do for this {@code @Public} endpoint is
 * done by the same code: the per-address limit ({@link RateLimits#consumeAnonymous(String, String)},
 * {@link RateLimitFilter#headers}), CORS ({@link CorsOrigins#onResponse} then
 * {@link PixelCors#onResponse}, in the order the response filters run), the error body
 * ({@link ErrorMappers#known}, {@link ServletErrors#writeAsJaxRs}); the hit itself is {@link PixelTracking}'s,
 * as for {@link PixelResource}. A request with anything the JAX-RS filters would treat differently
 * goes on to Jersey unchanged: a query string (RequestIds refuses U+0000 in it), a declared length
 * over the platform's limit (RequestIds' 413), an {@code Accept} that is not plainly JSON (Jersey's
 * 406), a form or multipart body, any method but POST and a preflight. Not a CDI bean: the servlet
 * container creates it and injects its fields.
 */
public class PixelTrackFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(PixelTrackFilter.class.getName());

    @Inject
    PixelTracking tracking;

    @Inject
    RateLimits rateLimits;

    @Inject
    CorsOrigins cors;

    @Inject
    Clock clock;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean preflight = request.getQueryString() == null && isPlainPath(request)
                && PixelCors.isPreflight(request.getMethod(), request.getHeader("Access-Control-Request-Method"));
        if (!preflight && !servedHere(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (preflight) {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            PixelCors.PREFLIGHT.forEach(response::setHeader);
            return;
        }
        ResponseHeaders headers = ResponseHeaders.of(response);
        cors.onResponse(header(request, "Origin"), headers);
        PixelCors.onResponse(headers);
        try {
            RateLimitDecision decision = rateLimits.consumeAnonymous(header(request, "X-Forwarded-For"), request.getRemoteAddr());
            RateLimitFilter.headers(decision, clock, headers);
            if (!decision.allowed()) {
                throw new RateLimitExceededException(decision);
            }
            PixelTracking.Answer answer = tracking.track(read(request), new PixelTracking.Request() {
                @Override
                public String header(String name) {
                    return PixelTrackFilter.header(request, name);
                }

                @Override
                public String peerAddress() {
                    return request.getRemoteAddr();
                }
            });
            byte[] body = answer.body();
            response.setStatus(HttpServletResponse.SC_OK);
            answer.headers().forEach(response::setHeader);
            response.setContentType(answer.contentType());
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        } catch (RuntimeException e) {
            ApiException known = ErrorMappers.known(e, clock);
            if (known == null) { // as ErrorMappers answers the unexpected: logged with the request id, a 500 that carries it
                LOG.log(Level.SEVERE, "Unexpected failure serving request " + ServletErrors.requestId(request), e);
                known = ApiException.forStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            }
            ServletErrors.writeAsJaxRs(request, response, known);
        }
    }

    /** The body within the pixel's limit; what is left of a longer one is read and dropped, so the client reads the 413. */
    private byte[] read(HttpServletRequest request) throws IOException {
        InputStream in = request.getInputStream();
        try {
            return tracking.read(in);
        } catch (ApiException e) {
            if (e.status() == HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE) {
                RequestIds.drain(in);
            }
            throw e;
        }
    }

    /** A plain hit: POST without a query string, a body within the platform's limit, JSON acceptable, not a form. */
    static boolean servedHere(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && request.getQueryString() == null && isPlainPath(request)
                && request.getContentLengthLong() <= RequestIds.MAX_BODY_BYTES
                && acceptsJson(request.getHeader("Accept")) && !isForm(request.getContentType());
    }

    /** The path as sent is the one mapped (not {@code //pixel/track} or percent-encoded, which Jersey matches differently). */
    private static boolean isPlainPath(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        return request.getRequestURI().equals(request.getContextPath() + request.getServletPath() + (pathInfo == null ? "" : pathInfo));
    }

    /** True when Jersey would answer {@code application/json} too: no {@code Accept}, or one naming it, {@code application/*} or {@code *}{@code /*} with a q above 0. */
    static boolean acceptsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            if ((type.equals("*/*") || type.equals("application/*") || type.equals("application/json")) && quality(parts) > 0) {
                return true;
            }
        }
        return false;
    }

    /** A media range's q (1 without one); 0 for one that is not a number, which Jersey is then left to refuse. */
    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.length() > 1 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.substring(1).trim().startsWith("=")) {
                try {
                    return Double.parseDouble(p.substring(p.indexOf('=') + 1).trim());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    private static boolean isForm(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.trim().toLowerCase(Locale.ROOT);
        return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/");
    }

    /** A header's values comma-joined, as JAX-RS's {@code getHeaderString} gives them; null when absent. */
    static String header(HttpServletRequest request, String name) {
        Enumeration<String> values = request.getHeaders(name);
        if (values == null || !values.hasMoreElements()) {
            return null;
        }
        String first = values.nextElement();
        if (!values.hasMoreElements()) {
            return first;
        }
        StringBuilder joined = new StringBuilder(first);
        while (values.hasMoreElements()) {
            joined.append(',').append(values.nextElement());
        }
        return joined.toString();
    }
}
