package dev.gatehouse.analytics;

/** A pageview, a custom event, or an engagement ping (time on page; it only extends a visit). */
public enum EventKind {
    PAGEVIEW, CUSTOM, ENGAGEMENT;

    /** The kind of an event name. */
    public static EventKind of(String name) {
        return switch (name) {
            case "pageview" -> PAGEVIEW;
            case "engagement" -> ENGAGEMENT;
            default -> CUSTOM;
        };
    }
}
