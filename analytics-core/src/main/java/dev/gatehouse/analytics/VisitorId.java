package dev.gatehouse.analytics;

/**
 * A visitor's ids: today's, stored with the hit, and the one the same visitor had under
 * yesterday's salt (0 when there is none), used only to carry on a visit that crosses midnight.
 *
 * @param today     {@code HMAC(today's salt, site | IP | user agent)}, 63 bits
 * @param yesterday the same under yesterday's salt, or 0
 */
public record VisitorId(long today, long yesterday) {
}
