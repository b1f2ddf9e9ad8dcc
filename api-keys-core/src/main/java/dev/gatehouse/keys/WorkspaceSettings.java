package dev.gatehouse.keys;

/**
 * A workspace's settings. {@link Workspaces} stores both values normalized and fills in the
 * defaults ({@code UTC}, {@code en-GB}) when a workspace is created.
 *
 * @param timezone an IANA time-zone id such as {@code Europe/London}, or null
 * @param locale a BCP 47 language tag such as {@code en-GB}, or null
 */
public record WorkspaceSettings(String timezone, String locale) {

    /** The time zone of a workspace that names none. */
    public static final String DEFAULT_TIMEZONE = "UTC";
    /** The locale of a workspace that names none. */
    public static final String DEFAULT_LOCALE = "en-GB";

    /**
     * Returns the settings of a workspace created without any.
     *
     * @return {@code UTC} and {@code en-GB}
     */
    public static WorkspaceSettings defaults() {
        return new WorkspaceSettings(DEFAULT_TIMEZONE, DEFAULT_LOCALE);
    }
}
