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
   * Counts the users a developer key created at or after an instant (for the daily quota).
   *
   * @param creatorKeyId the developer key
   * @param since the start of the period, inclusive
   * @return the number of users
   */
  long countCreatedBySince(long creatorKeyId, Instant since);

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
