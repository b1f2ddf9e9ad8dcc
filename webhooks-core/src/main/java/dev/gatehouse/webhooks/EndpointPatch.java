package dev.gatehouse.webhooks;

import java.util.List;
import java.util.Optional;

/**
 * The fields a partial update changes; an empty field is left as it is. {@code null} components
 * are read as empty.
 *
 * @param url         a new URL
 * @param eventTypes  new event type patterns
 * @param active      {@code true} to re-enable (which also clears the failure streak and the
 *                    disabled reason), {@code false} to disable
 * @param description a new description; a blank one clears it
 */
public record EndpointPatch(
        Optional<String> url,
        Optional<List<String>> eventTypes,
        Optional<Boolean> active,
        Optional<String> description) {

    /**
     * Creates a patch, reading {@code null} components as empty.
     *
     * @param url         a new URL
     * @param eventTypes  new event type patterns
     * @param active      {@code true} to re-enable (which also clears the failure streak and the
     *                    disabled reason), {@code false} to disable
     * @param description a new description; a blank one clears it
     */
    public EndpointPatch {
        url = url == null ? Optional.empty() : url;
        eventTypes = eventTypes == null ? Optional.empty() : eventTypes;
        active = active == null ? Optional.empty() : active;
        description = description == null ? Optional.empty() : description;
    }

    /**
     * Returns a patch that changes nothing.
     *
     * @return the empty patch
     */
    public static EndpointPatch none() {
        return new EndpointPatch(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
