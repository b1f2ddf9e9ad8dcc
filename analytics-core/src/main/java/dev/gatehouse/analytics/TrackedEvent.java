package dev.gatehouse.analytics;

import java.time.Instant;

/**
 * A hit that passed every check, ready to be written. It carries no address and no user agent.
 *
 * @param siteId      the site
 * @param at          when it arrived
 * @param visitor     the visitor's ids
 * @param kind        pageview, custom event or engagement
 * @param name        the event name
 * @param hostname    the page's host
 * @param pathname    the page's path, without query or fragment
 * @param attribution the hit's own source, campaign and device (a visit keeps its first hit's)
 * @param properties  the custom properties as a JSON object, or null
 * @param interactive whether it counts against bounce rate (custom events unless told otherwise)
 * @param sessions    whether the site records visits
 */
public record TrackedEvent(long siteId, Instant at, VisitorId visitor, EventKind kind, String name, String hostname,
    String pathname, Attribution attribution, String properties, boolean interactive, boolean sessions) {
}
