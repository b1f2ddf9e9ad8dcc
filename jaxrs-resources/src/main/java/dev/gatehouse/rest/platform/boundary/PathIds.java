package dev.gatehouse.rest.platform.boundary;

/** Path ids: an id that cannot exist (not a positive integer) is simply not found, like any unknown id. */
public final class PathIds {

    private PathIds() {
    }

    /** The id, or a 404 with the given message. */
    public static long parse(String raw, ApiException notFound) {
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // an id that cannot exist is simply not found
        }
        throw notFound;
    }

    /** The id, or the plain 404. */
    public static long parse(String raw) {
        return parse(raw, ApiException.notFound());
    }
}
