/**
 * Pixel analytics over HTTP: the workspace's sites ({@code /sites}, scopes {@code sites:read} and
 * {@code sites:write}), their stats ({@code /sites/{id}/stats}, {@code analytics:read}) and the
 * public pixel ({@code /pixel/config}, {@code /pixel/track}, {@code /pixel/track.gif},
 * {@code /pixel/script.js}).
 *
 * <p>Decisions: the public endpoints answer CORS for any origin ({@link PixelCors}), because which
 * pages may send hits is decided per site, by its domains, not by {@code gatehouse.cors.allowed-origins};
 * {@code /pixel/track} takes {@code text/plain} bodies (what {@code sendBeacon} and keep-alive
 * {@code fetch} send without a preflight) and both seed 001's field names and the Plausible
 * tracker's short ones, so {@code @plausible-analytics/tracker} posts to it unchanged. The tracker
 * script is our own, small and hand-written (no eval, no cookies, no storage).
 */
package dev.gatehouse.rest.analytics.boundary;
