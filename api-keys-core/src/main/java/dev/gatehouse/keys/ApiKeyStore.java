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
     * Stores a new key of an end user unless that user already holds {@code maxActive} active keys
     * — the per-user limit, checked and applied as one atomic unit. "Active" is
     * {@link ApiKey#statusAt}{@code (now) == ACTIVE}: neither revoked nor expired. Exact under
     * concurrency: of many calls racing for one user, exactly as many succeed as fit (a SQL store
     * locks the user's row before it counts).
     *
     * @param withoutId the key with id 0 and a user id
     * @param maxActive the most active keys the user may hold, at least 1
     * @param now the instant to judge expiry at
     * @return the stored key with its new id, or empty when the user is at the limit (nothing stored)
     * @throws IllegalArgumentException if the id is not 0 or the key belongs to no user
     */
    Optional<ApiKey> insertWithinUserLimit(ApiKey withoutId, int maxActive, Instant now);

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
