package dev.gatehouse.keys;

import java.util.Objects;

/**
 * The outcome of verifying a presented key.
 *
 * @param code what the verification found
 * @param key the stored key if it was found (valid, revoked or expired), else null
 */
public record Verification(Code code, ApiKey key) {

    /** What a verification found. */
    public enum Code {
        /** The key exists, is not revoked and has not expired. */
        VALID,
        /** The value is not a well-formed key; neither store nor cache was consulted. */
        MALFORMED,
        /** The key is well-formed but unknown. */
        NOT_FOUND,
        /** The key was revoked. */
        REVOKED,
        /** The key has expired. */
        EXPIRED
    }

    private static final Verification MALFORMED = new Verification(Code.MALFORMED, null);
    private static final Verification NOT_FOUND = new Verification(Code.NOT_FOUND, null);

    /**
     * Creates an outcome, checking that the key is present exactly when it was found.
     *
     * @param code what the verification found
     * @param key the stored key if it was found (valid, revoked or expired), else null
     * @throws IllegalArgumentException if the key is null for a found code or set otherwise
     */
    public Verification {
        Objects.requireNonNull(code, "code");
        boolean found = code == Code.VALID || code == Code.REVOKED || code == Code.EXPIRED;
        if (found != (key != null)) {
            throw new IllegalArgumentException("a " + code + " verification "
                + (found ? "needs" : "must not have") + " a key");
        }
    }

    static Verification malformed() {
        return MALFORMED;
    }

    static Verification notFound() {
        return NOT_FOUND;
    }

    /**
     * Returns whether the key may be used.
     *
     * @return true if the code is {@link Code#VALID}
     */
    public boolean valid() {
        return code == Code.VALID;
    }
}
