package dev.gatehouse.analytics;

/** What became of a hit that was well-formed and for a known site. */
public sealed interface Outcome {

    /** Recorded. */
    record Accepted(TrackedEvent event) implements Outcome {
    }

    /**
     * Deliberately not recorded, and the answer says so: {@code bot}, {@code do_not_track},
     * {@code site_disabled}, {@code feature_disabled}.
     *
     * @param reason the reason code
     * @param detail more for people (the bot pattern that matched), or null
     */
    record Dropped(String reason, String detail) implements Outcome {
    }
}
