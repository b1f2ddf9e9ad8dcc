package dev.gatehouse.entitlements;

/**
 * A plan catalog could not be read or is invalid. The message names the offending property and
 * its value, e.g. {@code Plan catalog property 'tier.pro.rate.burst' has invalid value 'lots':
 * expected a decimal number from 0 to 100}.
 */
public final class CatalogException extends EntitlementException {

    /**
     * Creates the exception.
     *
     * @param message what is wrong, naming the property and value
     */
    public CatalogException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause, e.g. the {@link java.io.IOException} of an unreadable file.
     *
     * @param message what is wrong
     * @param cause   the underlying exception
     */
    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }

    static CatalogException invalid(String property, String value, String expected) {
        return new CatalogException("Plan catalog property '" + property + "' has invalid value '" + value
                + "': " + expected);
    }

    static CatalogException missing(String property, String expected) {
        return new CatalogException("Plan catalog property '" + property + "' is missing: " + expected);
    }
}
