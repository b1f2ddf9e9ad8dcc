package dev.gatehouse.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The six-digit codes that verify an end user: drawn from a {@link SecureRandom}, stored only as
 * a hash bound to the user id, and compared in constant time. One code per user; a new one
 * replaces the last.
 */
final class VerificationCodes {

    static final int CODE_DIGITS = 6;
    private static final int CODE_BOUND = 1_000_000;
    private static final Pattern CODE = Pattern.compile("[0-9]{6}");

    private final UserStore store;
    private final SecureRandom random;
    private final Duration ttl;

    VerificationCodes(UserStore store, SecureRandom random, Duration ttl) {
        this.store = store;
        this.random = random;
        this.ttl = ttl;
    }

    /** Draws a new code for a user, stores its hash with its expiry, and returns it. */
    String issue(long userId, Instant now) {
        String code = String.format("%0" + CODE_DIGITS + "d", random.nextInt(CODE_BOUND));
        store.saveVerificationCode(userId, codeHash(userId, code), now.plus(ttl));
        return code;
    }

    /**
     * Whether a presented code is the user's pending one; the comparison does not stop early.
     *
     * @throws InvalidVerificationCodeException if it is not, or if no code is pending
     */
    void check(long userId, String code, Instant now) {
        VerificationCode pending = store.findVerificationCode(userId)
            .filter(c -> now.isBefore(c.expiresAt()))
            .orElseThrow(InvalidVerificationCodeException::new);
        String presented = code == null ? "" : code.strip();
        byte[] expected = pending.codeHash().getBytes(StandardCharsets.UTF_8);
        byte[] actual = codeHash(userId, presented).getBytes(StandardCharsets.UTF_8);
        if (!CODE.matcher(presented).matches() | !MessageDigest.isEqual(expected, actual)) {
            throw new InvalidVerificationCodeException();
        }
    }

    /** Uses the user's code up. */
    void spend(long userId) {
        store.deleteVerificationCode(userId);
    }

    // Bound to the user id so that one precomputed table of the million codes fits no two users.
    static String codeHash(long userId, String code) {
        return ApiKeys.sha256Hex(userId + ":" + code);
    }
}
