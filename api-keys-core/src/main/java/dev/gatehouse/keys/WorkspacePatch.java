package dev.gatehouse.keys;

import java.util.Optional;

/**
 * A partial update of a workspace (PATCH semantics): an empty optional leaves the field unchanged,
 * so settings merge key by key.
 *
 * @param name the new name
 * @param slug the new slug
 * @param tier the new tier
 * @param timezone the new {@code settings.timezone}
 * @param locale the new {@code settings.locale}
 */
public record WorkspacePatch(
    Optional<String> name,
    Optional<String> slug,
    Optional<String> tier,
    Optional<String> timezone,
    Optional<String> locale) {

    private static final WorkspacePatch NONE = new WorkspacePatch(null, null, null, null, null);

    /**
     * Creates a patch; a null component means unchanged.
     *
     * @param name the new name
     * @param slug the new slug
     * @param tier the new tier
     * @param timezone the new {@code settings.timezone}
     * @param locale the new {@code settings.locale}
     */
    public WorkspacePatch {
        name = name == null ? Optional.empty() : name;
        slug = slug == null ? Optional.empty() : slug;
        tier = tier == null ? Optional.empty() : tier;
        timezone = timezone == null ? Optional.empty() : timezone;
        locale = locale == null ? Optional.empty() : locale;
    }

    /**
     * Returns the patch that changes nothing.
     *
     * @return an empty patch
     */
    public static WorkspacePatch none() {
        return NONE;
    }
}
