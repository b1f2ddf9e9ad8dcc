package dev.gatehouse.keys;

/**
 * A value that is not a well-formed key: wrong prefix, length, alphabet or checksum (HTTP 401
 * {@code invalid_authorization_format}, or a configuration error for a preset root key). The
 * message explains the expected format and never repeats the value.
 */
public final class MalformedKeyException extends ApiKeyException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the reason, which must not contain the presented value
     */
    public MalformedKeyException(String message) {
        super(message);
    }
}
