package dev.gatehouse.keys;

/**
 * The verification code is wrong, expired or was never sent (HTTP 422). The message never contains
 * the presented code.
 */
public final class InvalidVerificationCodeException extends ApiKeyException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public InvalidVerificationCodeException() {
        super("The verification code is invalid or has expired");
    }
}
