package dev.gatehouse.rest.platform.boundary;

/**
 * Translates the cores' exceptions into {@link ApiException}s, so business rules stay free of HTTP
 * and the status codes are decided here, once.
 */
final class CoreErrors {

    private CoreErrors() {
    }

    /** The API error for a core exception, or null when {@code t} is not one. */
    static ApiException translate(Throwable t) {
        return null;
    }
}
