package dev.gatehouse.keys;

import dev.gatehouse.errors.BuilderSettings;
import dev.gatehouse.errors.ValidationException;
import dev.gatehouse.errors.FieldErrors;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The end-user facade: a developer key bootstraps a user, who gets a key with a restricted scope
 * set and a six-digit verification code; entering the code upgrades that same key in place to the
 * verified scope set. Only the key that bootstrapped a user can see them or mint more keys for
 * them; anyone else gets {@link UserNotFoundException}, never a hint that the user exists.
 *
 * <p>The restricted and verified scope sets are fixed by the platform's configuration, not chosen
 * by the caller, so they are not checked against the developer key's own scopes: a developer key
 * holding {@code users:write} bootstraps users without itself holding {@code me:verify}. Instances
 * are thread-safe.
 */
public final class Users {

    static final List<String> BASE_RESTRICTED_SCOPES = List.of("me:verify", "me:resend-verification");
    static final int DEFAULT_DAILY_BOOTSTRAP_QUOTA = 50;
    static final Duration DEFAULT_VERIFICATION_CODE_TTL = Duration.ofHours(24);

    private final ApiKeys keys;
    private final UserStore store;
    private final AuditSink audit;
    private final Clock clock;
    private final VerificationCodes codes;
    private final ScopeSet restrictedScopes;
    private final ScopeSet verifiedScopes;
    private final int dailyBootstrapQuota;

    private Users(Builder b) {
        this.keys = b.keys;
        this.store = b.store;
        this.audit = b.audit;
        this.clock = b.clock != null ? b.clock : b.keys.clock();
        this.codes = new VerificationCodes(b.store, b.random != null ? b.random : new SecureRandom(), b.verificationCodeTtl);
        this.restrictedScopes = b.restricted;
        this.verifiedScopes = b.verified;
        this.dailyBootstrapQuota = b.dailyBootstrapQuota;
    }

    /**
     * Starts a builder.
     *
     * @return a new builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the scopes a user's key holds before verification.
     *
     * @return the restricted set
     */
    public ScopeSet restrictedScopes() {
        return restrictedScopes;
    }

    /**
     * Returns the scopes a user's key holds after verification.
     *
     * @return the verified set
     */
    public ScopeSet verifiedScopes() {
        return verifiedScopes;
    }

    /**
     * Creates an end user with a {@link KeyType#USER} key holding the restricted scopes (named
     * {@code user:<externalId>}, issued by the developer key) and a verification code, of which only
     * a hash is stored.
     *
     * @param workspaceId the workspace; must be the developer key's own unless it is a root key
     * @param externalId the developer's id for the user: required, at most 255 characters, no
     *     control characters or surrounding whitespace, unique in the workspace
     * @param email the user's address: required, at most 254 characters, {@code local@domain.tld}
     * @param developerKey the key bootstrapping the user; it alone can see the user later
     * @param who who acts, for the audit log
     * @return the user, their key with its secret, and the code to deliver
     * @throws ValidationException on {@code external_id} or {@code email}
     * @throws QuotaExceededException when the developer key created its daily quota of users today
     *     (UTC); {@code resetAt} is the next UTC midnight
     * @throws WorkspaceNotFoundException if the workspace is not the developer key's
     */
    public Bootstrap bootstrap(long workspaceId, String externalId, String email, ApiKey developerKey, Actor who) {
        Objects.requireNonNull(developerKey, "developerKey");
        Actor by = Actor.orSystem(who);
        if (developerKey.workspaceId() != null && developerKey.workspaceId() != workspaceId) {
            throw new WorkspaceNotFoundException(workspaceId);
        }
        FieldErrors errors = new FieldErrors();
        UserFields.validateExternalId(externalId, errors);
        String address = UserFields.validateEmail(email, errors);
        if (!errors.has("external_id") && store.findByExternalId(workspaceId, externalId).isPresent()) {
            errors.add("external_id", "has already been taken");
        }
        errors.throwIfAny();
        Instant now = clock.instant();
        Instant dayStart = now.truncatedTo(ChronoUnit.DAYS);
        User user = store.insertWithinQuota(new User(0, workspaceId, externalId, address, false, null, developerKey.id(), now, now),
                dailyBootstrapQuota, dayStart)
            .orElseThrow(() -> new QuotaExceededException(dailyBootstrapQuota, dayStart.plus(1, ChronoUnit.DAYS)));
        IssuedKey key = keys.issue(new KeyRequest(workspaceId, user.id(), KeyType.USER, defaultKeyName(user),
            restrictedScopes.names(), null, null), null, developerKey.id(), by);
        String code = codes.issue(user.id(), now);
        record("user.created", user, key.key().id(), by, now, AuditEvent.details(
            "external_id", user.externalId(),
            "display_prefix", key.key().displayPrefix()));
        return new Bootstrap(user, key, code);
    }

    /**
     * Verifies a user with the code they were sent; the calling key, which must be one of that
     * user's own keys, is upgraded in place to the verified scopes, and the code is used up.
     *
     * @param userId the user
     * @param code the six-digit code
     * @param callerKey the authenticated key making the call
     * @param who who acts, for the audit log
     * @return the user, now verified
     * @throws UserNotFoundException if the caller is not a user key of this user
     * @throws ValidationException on {@code code} if the user is already verified
     * @throws InvalidVerificationCodeException if the code is wrong, expired or was never sent
     */
    public User verify(long userId, String code, ApiKey callerKey, Actor who) {
        Objects.requireNonNull(callerKey, "callerKey");
        Actor by = Actor.orSystem(who);
        User user = store.findById(userId)
            .filter(u -> isOwnKey(u, callerKey))
            .orElseThrow(() -> new UserNotFoundException(userId));
        if (user.verified()) {
            throw new ValidationException("code", "the user is already verified");
        }
        Instant now = clock.instant();
        codes.check(userId, code, now);
        User verified = store.update(user.verifiedAt(now));
        keys.upgradeScopes(callerKey.id(), verifiedScopes.names(), by);
        codes.spend(userId);
        record("user.verified", verified, callerKey.id(), by, now, AuditEvent.details(
            "display_prefix", callerKey.displayPrefix(),
            "scopes", String.join(" ", verifiedScopes.names())));
        return verified;
    }

    /**
     * Sends a user a new verification code, which replaces the previous one.
     *
     * @param userId the user
     * @param callerKey one of the user's own keys, or the developer key that bootstrapped them
     * @param who who acts, for the audit log
     * @return the new code, to deliver to the user
     * @throws UserNotFoundException if the caller may not see the user
     * @throws ValidationException on {@code code} if the user is already verified
     */
    public String resendVerification(long userId, ApiKey callerKey, Actor who) {
        Objects.requireNonNull(callerKey, "callerKey");
        Actor by = Actor.orSystem(who);
        User user = store.findById(userId)
            .filter(u -> isOwnKey(u, callerKey) || u.createdByKeyId() == callerKey.id())
            .orElseThrow(() -> new UserNotFoundException(userId));
        if (user.verified()) {
            throw new ValidationException("code", "the user is already verified");
        }
        Instant now = clock.instant();
        String code = codes.issue(userId, now);
        record("user.verification_resent", user, callerKey.id(), by, now, AuditEvent.details(
            "display_prefix", callerKey.displayPrefix()));
        return code;
    }

    /**
     * Issues another key for a verified user, with the verified scopes. Only the developer key that
     * bootstrapped the user may do this; the per-user limit of active keys applies.
     *
     * @param userId the user
     * @param name the key's name, or null for {@code user:<externalId>}
     * @param developerKey the key that bootstrapped the user
     * @param who who acts, for the audit log
     * @return the new key with its secret
     * @throws UserNotFoundException if the developer key did not bootstrap this user
     * @throws ValidationException on {@code user} if the user is not verified, or {@code name}
     * @throws KeyLimitReachedException if the user holds the maximum of active keys
     */
    public IssuedKey issueUserKey(long userId, String name, ApiKey developerKey, Actor who) {
        Objects.requireNonNull(developerKey, "developerKey");
        Actor by = Actor.orSystem(who);
        User user = store.findById(userId)
            .filter(u -> u.createdByKeyId() == developerKey.id())
            .orElseThrow(() -> new UserNotFoundException(userId));
        if (!user.verified()) {
            throw new ValidationException("user", "user is not verified yet");
        }
        return keys.issue(new KeyRequest(user.workspaceId(), user.id(), KeyType.USER,
            name == null ? defaultKeyName(user) : name, verifiedScopes.names(), null, null),
            null, developerKey.id(), by);
    }

    /**
     * Finds a user within a workspace.
     *
     * @param workspaceId the workspace
     * @param userId the user
     * @return the user, or empty if missing or in another workspace
     */
    public Optional<User> find(long workspaceId, long userId) {
        return store.findById(userId).filter(u -> u.workspaceId() == workspaceId);
    }

    private static boolean isOwnKey(User user, ApiKey key) {
        return key.type() == KeyType.USER && key.userId() != null && key.userId() == user.id()
            && key.workspaceId() != null && key.workspaceId() == user.workspaceId();
    }

    private static String defaultKeyName(User user) {
        String name = "user:" + user.externalId();
        if (name.length() <= KeyLifecycle.MAX_NAME_LENGTH) {
            return name;
        }
        int end = KeyLifecycle.MAX_NAME_LENGTH;
        if (Character.isHighSurrogate(name.charAt(end - 1))) {
            end--;
        }
        return name.substring(0, end);
    }

    private void record(String type, User user, Long subjectKeyId, Actor by, Instant at, java.util.Map<String, String> details) {
        audit.record(new AuditEvent(type, user.workspaceId(), by.keyId(), subjectKeyId, user.id(), by.requestId(), at, details));
    }

    /**
     * Configures {@link Users}. {@link #keys(ApiKeys)}, {@link #store(UserStore)} and
     * {@link #audit(AuditSink)} are required. Each setter checks its argument and fails with a
     * message naming the bad value.
     */
    public static final class Builder {

        private final BuilderSettings settings = new BuilderSettings();

        private ApiKeys keys;
        private UserStore store;
        private AuditSink audit;
        private Clock clock;
        private SecureRandom random;
        private Collection<String> extraRestricted = List.of();
        private Collection<String> verifiedNames = List.of();
        private ScopeSet restricted;
        private ScopeSet verified;
        private int dailyBootstrapQuota = DEFAULT_DAILY_BOOTSTRAP_QUOTA;
        private Duration verificationCodeTtl = DEFAULT_VERIFICATION_CODE_TTL;

        private Builder() {
        }

        /**
         * Sets the key facade that issues and upgrades user keys (required).
         *
         * @param keys the key facade
         * @return this builder
         */
        public Builder keys(ApiKeys keys) {
            settings.once("keys");
            this.keys = BuilderSettings.requireNonNull("keys", keys);
            return this;
        }

        /**
         * Sets the user store (required).
         *
         * @param store the store
         * @return this builder
         */
        public Builder store(UserStore store) {
            settings.once("store");
            this.store = BuilderSettings.requireNonNull("store", store);
            return this;
        }

        /**
         * Sets where audit events go (required).
         *
         * @param audit the sink
         * @return this builder
         */
        public Builder audit(AuditSink audit) {
            settings.once("audit");
            this.audit = BuilderSettings.requireNonNull("audit", audit);
            return this;
        }

        /**
         * Sets the clock; default the key facade's clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            settings.once("clock");
            this.clock = BuilderSettings.requireNonNull("clock", clock);
            return this;
        }

        /**
         * Sets the source of verification codes; default a new {@link SecureRandom}.
         *
         * @param random the random source
         * @return this builder
         */
        public Builder random(SecureRandom random) {
            settings.once("random");
            this.random = BuilderSettings.requireNonNull("random", random);
            return this;
        }

        /**
         * Adds the application's scopes to the restricted set a user's key holds before verification,
         * which always holds {@code me:verify} and {@code me:resend-verification}.
         *
         * @param scopes scope names known to the key facade's catalog
         * @return this builder
         */
        public Builder restrictedScopes(Collection<String> scopes) {
            settings.once("restrictedScopes");
            this.extraRestricted = copy("restrictedScopes", scopes);
            return this;
        }

        /**
         * Sets the scopes a user's key holds after verification; default none, so an application
         * that lets verified users act must set them.
         *
         * @param scopes scope names known to the key facade's catalog
         * @return this builder
         */
        public Builder verifiedScopes(Collection<String> scopes) {
            settings.once("verifiedScopes");
            this.verifiedNames = copy("verifiedScopes", scopes);
            return this;
        }

        /**
         * Sets how many users one developer key may bootstrap per UTC day; default 50.
         *
         * @param quota at least 1
         * @return this builder
         */
        public Builder dailyBootstrapQuota(int quota) {
            settings.once("dailyBootstrapQuota");
            this.dailyBootstrapQuota = (int) BuilderSettings.requireAtLeast("dailyBootstrapQuota", quota, 1);
            return this;
        }

        /**
         * Sets how long a verification code is accepted; default 24 hours.
         *
         * @param ttl positive
         * @return this builder
         */
        public Builder verificationCodeTtl(Duration ttl) {
            settings.once("verificationCodeTtl");
            BuilderSettings.requireNonNull("verificationCodeTtl", ttl);
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("verificationCodeTtl must be positive but was " + ttl);
            }
            this.verificationCodeTtl = ttl;
            return this;
        }

        /**
         * Builds the facade.
         *
         * @return a new, thread-safe instance
         * @throws IllegalStateException if keys, store or audit is missing
         * @throws IllegalArgumentException if a configured scope is unknown to the key catalog
         */
        public Users build() {
            if (keys == null) {
                throw new IllegalStateException("keys is required: call keys(ApiKeys) before build()");
            }
            if (store == null) {
                throw new IllegalStateException("store is required: call store(UserStore) before build()");
            }
            if (audit == null) {
                throw new IllegalStateException("audit is required: call audit(AuditSink) before build()");
            }
            List<String> restrictedNames = new ArrayList<>(BASE_RESTRICTED_SCOPES);
            restrictedNames.addAll(extraRestricted);
            this.restricted = known("restrictedScopes", restrictedNames);
            this.verified = known("verifiedScopes", verifiedNames);
            return new Users(this);
        }

        private ScopeSet known(String setting, Collection<String> names) {
            List<String> unknown = keys.scopeCatalog().unknown(names);
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException(setting + " must be known to the key catalog but "
                    + String.join(", ", unknown) + " is not");
            }
            return ScopeSet.of(names);
        }

        private static List<String> copy(String setting, Collection<String> scopes) {
            Objects.requireNonNull(scopes, setting + " must not be null");
            for (String scope : scopes) {
                Objects.requireNonNull(scope, setting + " must not contain null");
            }
            return List.copyOf(scopes);
        }
    }
}
