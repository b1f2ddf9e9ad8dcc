package dev.gatehouse.keys;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A thread-safe {@link UserStore} in memory, for tests, demos and single-instance applications.
 * Every method holds one lock, which makes each an atomic unit.
 */
public class InMemoryUserStore implements UserStore {

    private final Map<Long, User> byId = new TreeMap<>();
    private final Map<Long, VerificationCode> codes = new HashMap<>();
    private long lastId;

    /** Creates an empty store. */
    public InMemoryUserStore() {
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the external id is taken in the workspace (a unique
     *     constraint)
     */
    @Override
    public synchronized User insert(User withoutId) {
        Objects.requireNonNull(withoutId, "withoutId");
        if (withoutId.id() != 0) {
            throw new IllegalArgumentException("a new user must have id 0 but had " + withoutId.id());
        }
        if (find(withoutId.workspaceId(), withoutId.externalId()).isPresent()) {
            throw new IllegalStateException("external id already taken in workspace " + withoutId.workspaceId());
        }
        User stored = withoutId.withId(++lastId);
        byId.put(stored.id(), stored);
        return stored;
    }

    @Override
    public synchronized Optional<User> findById(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<User> findByExternalId(long workspaceId, String externalId) {
        return find(workspaceId, externalId);
    }

    private Optional<User> find(long workspaceId, String externalId) {
        return byId.values().stream()
            .filter(u -> u.workspaceId() == workspaceId && u.externalId().equals(externalId))
            .findFirst();
    }

    @Override
    public synchronized User update(User user) {
        Objects.requireNonNull(user, "user");
        if (!byId.containsKey(user.id())) {
            throw new UserNotFoundException(user.id());
        }
        byId.put(user.id(), user);
        return user;
    }

    @Override
    public synchronized Optional<User> insertWithinQuota(User withoutId, int quota, Instant since) {
        Objects.requireNonNull(withoutId, "withoutId");
        long created = byId.values().stream()
            .filter(u -> u.createdByKeyId() == withoutId.createdByKeyId() && !u.createdAt().isBefore(since))
            .count();
        return created >= quota ? Optional.empty() : Optional.of(insert(withoutId));
    }

    @Override
    public synchronized void saveVerificationCode(long userId, String codeHash, Instant expiresAt) {
        codes.put(userId, new VerificationCode(userId, codeHash, expiresAt));
    }

    @Override
    public synchronized Optional<VerificationCode> findVerificationCode(long userId) {
        return Optional.ofNullable(codes.get(userId));
    }

    @Override
    public synchronized void deleteVerificationCode(long userId) {
        codes.remove(userId);
    }
}
