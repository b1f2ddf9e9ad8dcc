package dev.gatehouse.keys;

import dev.gatehouse.errors.BuilderSettings;
import dev.gatehouse.errors.ValidationException;
import dev.gatehouse.errors.FieldErrors;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The workspace facade: creates, updates, deletes and finds workspaces, enforcing the field rules
 * ({@code name}, {@code slug}, {@code tier}, {@code settings.timezone}, {@code settings.locale})
 * and generating unique slugs from names. Instances are thread-safe.
 */
public final class Workspaces {

    static final int MAX_NAME_LENGTH = 255;
    private static final Set<String> ZONE_IDS = ZoneId.getAvailableZoneIds();

    private final WorkspaceStore store;
    private final Clock clock;
    private final Tiers tiers;
    private final ChangeListener changes;

    private Workspaces(Builder b) {
        this.store = b.store;
        this.clock = b.clock;
        this.tiers = b.tiers;
        this.changes = b.changes;
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates a workspace.
     *
     * @param name required, trimmed, not blank, at most 255 characters
     * @param slug null to generate one from the name (made unique with {@code -2}, {@code -3}, …);
     *     otherwise {@code [a-z0-9]+(-[a-z0-9]+)*}, at most 63 characters, not taken
     * @param tier null for the lowest tier, else one of the tiers given to {@link Builder#tiers}
     * @param settings null for the defaults; a null component takes its default ({@code UTC},
     *     {@code en-GB}); the time zone must be an IANA region id and the locale a BCP 47 tag
     *     ({@code en_GB} is accepted and stored as {@code en-GB})
     * @return the stored workspace
     * @throws ValidationException naming each bad field
     */
    public Workspace create(String name, String slug, String tier, WorkspaceSettings settings) {
        FieldErrors errors = new FieldErrors();
        String trimmed = Texts.requiredName("name", name, MAX_NAME_LENGTH, errors);
        if (slug != null) {
            checkSlug(slug, errors);
        }
        String chosenTier = tier == null ? tiers.lowest() : tier;
        if (!tiers.isValid(chosenTier)) {
            errors.add("tier", tiers.mustBeOneOf());
        }
        WorkspaceSettings given = settings == null ? new WorkspaceSettings(null, null) : settings;
        String timezone = given.timezone() == null ? WorkspaceSettings.DEFAULT_TIMEZONE : timezone(given.timezone(), errors);
        String locale = given.locale() == null ? WorkspaceSettings.DEFAULT_LOCALE : locale(given.locale(), errors);
        if (slug != null && !errors.has("slug") && store.slugExists(slug)) {
            errors.add("slug", "has already been taken");
        }
        errors.throwIfAny();
        String chosenSlug = slug != null ? slug : freeSlug(Slugs.fromName(trimmed));
        Instant now = clock.instant();
        return store.insert(new Workspace(0, trimmed, chosenSlug, chosenTier,
            new WorkspaceSettings(timezone, locale), now, now));
    }

    /**
     * Changes a workspace; settings merge, so only the given keys change.
     *
     * @param id the workspace
     * @param patch what to change, under the same rules as {@link #create}
     * @return the stored workspace
     * @throws WorkspaceNotFoundException if it does not exist
     * @throws ValidationException naming each bad field
     */
    public Workspace update(long id, WorkspacePatch patch) {
        Objects.requireNonNull(patch, "patch");
        Workspace current = store.findById(id).orElseThrow(() -> new WorkspaceNotFoundException(id));
        FieldErrors errors = new FieldErrors();
        String name = current.name();
        if (patch.name().isPresent()) {
            name = Texts.requiredName("name", patch.name().get(), MAX_NAME_LENGTH, errors);
        }
        String slug = current.slug();
        if (patch.slug().isPresent()) {
            slug = patch.slug().get();
            checkSlug(slug, errors);
            if (!errors.has("slug") && !slug.equals(current.slug()) && store.slugExists(slug)) {
                errors.add("slug", "has already been taken");
            }
        }
        String tier = current.tier();
        if (patch.tier().isPresent()) {
            tier = patch.tier().get();
            if (!tiers.isValid(tier)) {
                errors.add("tier", tiers.mustBeOneOf());
            }
        }
        String timezone = current.settings().timezone();
        if (patch.timezone().isPresent()) {
            timezone = timezone(patch.timezone().get(), errors);
        }
        String locale = current.settings().locale();
        if (patch.locale().isPresent()) {
            locale = locale(patch.locale().get(), errors);
        }
        errors.throwIfAny();
        Workspace updated = store.update(new Workspace(id, name, slug, tier, new WorkspaceSettings(timezone, locale),
            current.createdAt(), clock.instant()));
        // Any field, not only the tier: hosts cache whole workspaces (a request's time zone, say).
        changes.workspaceChanged(id);
        return updated;
    }

    /**
     * Deletes a workspace.
     *
     * @param id the workspace
     * @throws WorkspaceNotFoundException if it does not exist
     */
    public void delete(long id) {
        if (!store.delete(id)) {
            throw new WorkspaceNotFoundException(id);
        }
        changes.workspaceChanged(id);
    }

    /**
     * Finds a workspace.
     *
     * @param id the workspace
     * @return the workspace, or empty
     */
    public Optional<Workspace> find(long id) {
        return store.findById(id);
    }

    private String freeSlug(String base) {
        String candidate = base;
        for (int n = 2; store.slugExists(candidate); n++) {
            candidate = Slugs.withSuffix(base, n);
        }
        return candidate;
    }

    private static void checkSlug(String slug, FieldErrors errors) {
        if (slug.length() > Slugs.MAX_LENGTH) {
            errors.add("slug", "is too long (maximum is " + Slugs.MAX_LENGTH + " characters)");
        } else if (!Slugs.isValid(slug)) {
            errors.add("slug", "must contain only lowercase letters, digits and single hyphens between them");
        }
    }

    /** An IANA region id (such as Europe/London, or UTC); fixed offsets like +02:00 are refused. */
    private static String timezone(String value, FieldErrors errors) {
        try {
            ZoneId zone = ZoneId.of(value);
            if (ZONE_IDS.contains(zone.getId())) {
                return zone.getId();
            }
        } catch (DateTimeException e) {
            // reported below
        }
        errors.add("settings.timezone", "must be a valid IANA time zone such as Europe/London");
        return null;
    }

    /** A well-formed BCP 47 tag, also accepted in POSIX form (en_GB); stored as BCP 47 (en-GB). */
    private static String locale(String value, FieldErrors errors) {
        if (!value.isBlank()) {
            try {
                Locale locale = new Locale.Builder().setLanguageTag(value.replace('_', '-')).build();
                if (!locale.getLanguage().isEmpty()) {
                    return locale.toLanguageTag();
                }
            } catch (IllformedLocaleException e) {
                // reported below
            }
        }
        errors.add("settings.locale", "must be a valid BCP 47 language tag such as en-GB");
        return null;
    }

    /** Configures {@link Workspaces}; {@link #store(WorkspaceStore)} is required. */
    public static final class Builder {

        private final BuilderSettings settings = new BuilderSettings();

        private WorkspaceStore store;
        private Clock clock = Clock.systemUTC();
        private Tiers tiers = Tiers.STANDALONE;
        private ChangeListener changes = ChangeListener.NONE;

        private Builder() {
        }

        /**
         * Sets the workspace store (required).
         *
         * @param store the store
         * @return this builder
         */
        public Builder store(WorkspaceStore store) {
            settings.once("store");
            this.store = BuilderSettings.requireNonNull("store", store);
            return this;
        }

        /**
         * Sets the clock; default {@link Clock#systemUTC()}.
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
         * Sets the plan tiers a workspace may be on, lowest first; a workspace created without a tier
         * is on the first. A host with a plan catalog passes the catalog's tier names, so the catalog
         * stays the one source of them. Default: only {@code free}.
         *
         * @param names the tier names, not empty, none blank or repeated
         * @return this builder
         * @throws IllegalArgumentException if the list is empty or a name is blank or repeated
         */
        public Builder tiers(List<String> names) {
            settings.once("tiers");
            this.tiers = Tiers.of(names);
            return this;
        }

        /**
         * Sets who is told when a workspace is updated or deleted, e.g. to announce it to
         * other instances; default {@link ChangeListener#NONE}.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder changeListener(ChangeListener listener) {
            settings.once("changeListener");
            this.changes = Objects.requireNonNull(listener, "changeListener must not be null");
            return this;
        }

        /**
         * Builds the facade.
         *
         * @return a new, thread-safe instance
         * @throws IllegalStateException if the store is missing
         */
        public Workspaces build() {
            if (store == null) {
                throw new IllegalStateException("store is required: call store(WorkspaceStore) before build()");
            }
            return new Workspaces(this);
        }
    }
}
