package dev.gatehouse.rest.platform.boundary;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * The response headers a filter's rule sets, whichever layer answers: a JAX-RS response filter's
 * {@link MultivaluedMap} or a servlet response (the pixel's {@code /pixel/track}, served in front
 * of Jersey). Lets CORS and the rate-limit headers keep one implementation for both.
 */
public interface ResponseHeaders {

    boolean has(String name);

    /** Replaces any value the header has. */
    void set(String name, String value);

    /** Adds a value next to those the header has. */
    void add(String name, String value);

    static ResponseHeaders of(MultivaluedMap<String, Object> headers) {
        return new ResponseHeaders() {
            @Override
            public boolean has(String name) {
                return headers.containsKey(name);
            }

            @Override
            public void set(String name, String value) {
                headers.putSingle(name, value);
            }

            @Override
            public void add(String name, String value) {
                headers.add(name, value);
            }
        };
    }

    static ResponseHeaders of(HttpServletResponse response) {
        return new ResponseHeaders() {
            @Override
            public boolean has(String name) {
                return response.containsHeader(name);
            }

            @Override
            public void set(String name, String value) {
                response.setHeader(name, value);
            }

            @Override
            public void add(String name, String value) {
                response.addHeader(name, value);
            }
        };
    }
}
