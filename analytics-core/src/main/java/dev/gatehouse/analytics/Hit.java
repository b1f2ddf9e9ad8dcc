package dev.gatehouse.analytics;

import java.util.Map;

/**
 * One hit as it arrived, before any check: the body's fields (seed 001's names or the Plausible
 * tracker's short ones, already mapped) and what the request itself says.
 *
 * @param event         the event name: {@code pageview}, {@code engagement} or a custom name
 * @param url           the page's absolute URL
 * @param domain        the site's domain as the tracker names it, or null
 * @param referrer      the page's referrer, or null
 * @param properties    custom properties: a flat map of strings, numbers and booleans, or null
 * @param interactive   false for an event that must not count against bounce rate, or null
 * @param userAgent     the {@code User-Agent} header (or the body's {@code user_agent} when the header is absent)
 * @param origin        the {@code Origin} header, or null
 * @param clientAddress the client's address, used only to derive the visitor id and never kept
 * @param doNotTrack    whether the request said {@code DNT: 1} or {@code Sec-GPC: 1}
 */
public record Hit(String event, String url, String domain, String referrer, Map<String, Object> properties,
    Boolean interactive, String userAgent, String origin, String clientAddress, boolean doNotTrack) {

    @Override
    public String toString() { // never print the address
        return "Hit[event=" + event + ", url=" + url + "]";
    }
}
