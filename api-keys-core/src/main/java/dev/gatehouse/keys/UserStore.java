package dev.gatehouse.keys;

import java.time.Instant;
import java.util.Optional;

/**
 * The storage SPI for end users and their verification codes. Each method is one atomic unit;
 * implementations may join a surrounding transaction. Every implementation must pass the
 * {@code UserStoreContract} suite of this module's test-jar.
 */
public interface UserStore {

    /**
     * Stores a new user.
     *
     * @param withoutId the user with id 0
     * @return the same user with its new, unique, positive id
     * @throws IllegalArgumentException if the id is not 0
     */
    User insert(User withoutId);

    /**
     * Finds a user by id.
     *
     * @param id the user id
     * @return the user, or empty
     */
    Optional<User> findById(long id);

    /**
     * Finds a user by the developer's id for them, within one workspace (exact match).
     *
     * @param workspaceId the workspace
     * @param externalId the developer's id for the user
     * @return the user, or empty
     */
    Optional<User> findByExternalId(long workspaceId, String externalId);

    /**
     * Replaces every field of a stored user (the id selects it).
     *
     * @param user the new state
     * @return the stored state
     * @throws UserNotFoundException if no user has that id
     */
    User update(User user);

    /**
     * Stores a new user unless the key creating it ({@link User#createdByKeyId()}) already created
     * {@code quota} users at or after {@code since} — the daily bootstrap quota, checked and applied
     * as one atomic unit. Exact under concurrency: of many calls racing for one creator key, exactly
     * as many succeed as fit (a SQL store locks the creator key's row before it counts).
     *
     * @param withoutId the user with id 0
     * @param quota the most users the creator key may create from {@code since} on, at least 1
     * @param since the start of the period, inclusive
     * @return the stored user with its new id, or empty when the quota is used up (nothing stored)
     * @throws IllegalArgumentException if the id is not 0
     */
    Optional<User> insertWithinQuota(User withoutId, int quota, Instant since);

    /**
     * Stores a user's verification code hash, replacing any earlier one.
     *
     * @param userId the user
     * @param codeHash the hash of the code
     * @param expiresAt when it stops being accepted
     */
    void saveVerificationCode(long userId, String codeHash, Instant expiresAt);

    /**
     * Finds a user's pending verification code, expired or not.
     *
     * @param userId the user
     * @return the code, or empty
     */
    Optional<VerificationCode> findVerificationCode(long userId);

    /**
     * Deletes a user's verification code; does nothing if there is none.
     *
     * @param userId the user
     */
    void deleteVerificationCode(long userId);
}
