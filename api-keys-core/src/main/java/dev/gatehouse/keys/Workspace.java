package dev.gatehouse.keys;

import java.time.Instant;
import java.util.Objects;

/**
 * A tenant: every workspace and user key acts inside exactly one workspace.
 *
 * @param id the store's id; 0 before {@link WorkspaceStore#insert(Workspace)}
 * @param name the display name
 * @param slug the URL-friendly, unique identifier
 * @param tier the plan tier, one of the host's plan catalog (e.g. {@code free})
 * @param settings time zone and locale; null is read as no settings
 * @param createdAt when the workspace was created
 * @param updatedAt when it last changed
 */
public record Workspace(
    long id,
    String name,
    String slug,
    String tier,
    WorkspaceSettings settings,
    Instant createdAt,
    Instant updatedAt) {

    /**
     * Creates a workspace record, checking the required components; null settings become
     * settings with neither time zone nor locale.
     *
     * @param id the store's id; 0 before {@link WorkspaceStore#insert(Workspace)}
     * @param name the display name
     * @param slug the URL-friendly, unique identifier
     * @param tier the plan tier, one of the host's plan catalog (e.g. {@code free})
     * @param settings time zone and locale; null is read as no settings
     * @param createdAt when the workspace was created
     * @param updatedAt when it last changed
     * @throws NullPointerException if name, slug, tier, createdAt or updatedAt is null
     * @throws IllegalArgumentException if the id is negative
     */
    public Workspace {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        settings = settings == null ? new WorkspaceSettings(null, null) : settings;
        if (id < 0) {
            throw new IllegalArgumentException("id must not be negative but was " + id);
        }
    }

    Workspace withId(long newId) {
        return new Workspace(newId, name, slug, tier, settings, createdAt, updatedAt);
    }
}
