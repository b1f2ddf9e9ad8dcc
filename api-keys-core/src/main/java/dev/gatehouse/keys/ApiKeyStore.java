package dev.gatehouse.keys;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The storage SPI for API keys, the only one {@link ApiKeys} needs. Each method is one atomic
 * unit; implementations may join a surrounding transaction. Every implementation must pass the
 * {@code ApiKeyStoreContract} suite of this module's test-jar.
 */
public interface ApiKeyStore {

  /**
   * Stores a new key.
   *
   * @param withoutId the key with id 0
   * @return the same key with its new, unique, positive id
   * @throws IllegalArgumentException if the id is not 0
   */
  ApiKey insert(ApiKey withoutId);

  /**
   * Finds a key by id, revoked and expired ones included.
   *
   * @param id the key id
   * @return the key, or empty
   */
  Optional<ApiKey> findById(long id);

  /**
   * Finds a key by the hash of its secret, revoked and expired ones included.
   *
   * @param keyHash lowercase hex SHA-256 of the key
   * @return the key, or empty
   */
  Optional<ApiKey> findByHash(String keyHash);

  /**
   * Replaces every field of a stored key (the id selects it).
   *
   * @param key the new state
   * @return the stored state
   * @throws KeyNotFoundException if no key has that id
   */
  ApiKey update(ApiKey key);

  /**
   * Counts the keys of an end user that are neither revoked nor expired at {@code now}.
   *
   * @param userId the end user
   * @param now the instant to judge expiry at
   * @return the number of active keys
   */
  long countActiveByUser(long userId, Instant now);

  /**
   * Returns whether a root key exists that is not revoked; when none does, the platform creates
   * one at start-up.
   *
   * @return true if an unrevoked {@link KeyType#ROOT} key exists
   */
  boolean existsRootKey();

  /**
   * Lists the keys a given key issued ({@code createdBy}), revoked ones included, by ascending id.
   *
   * @param creatorKeyId the issuing key
   * @return the keys, possibly empty
   */
  List<ApiKey> findByCreator(long creatorKeyId);

  /**
   * Records when keys were last used. A time never moves a key's {@code lastUsedAt} backwards;
   * unknown ids are ignored.
   *
   * @param lastUsedByKeyId key id to the instant it was last used
   */
  void recordLastUsed(Map<Long, Instant> lastUsedByKeyId);
}
