/**
 * The portal's HTTP surface: minting and exchanging magic links, the calling session, logout and
 * revoke-all ({@link dev.gatehouse.rest.portal.boundary.PortalSessionsResource}); turning a session
 * token, the session cookie or a host-signed JWT into a caller for the authentication filter
 * ({@link dev.gatehouse.rest.portal.boundary.PortalCallers}); and the security headers of the
 * static pages at {@code /portal} and {@code /console}.
 *
 * <p>Decisions. The link's token travels in the URL fragment, which browsers never send to a
 * server, so it reaches no access log or Referer; the page removes it from the address bar and the
 * history before exchanging it. A top-level page keeps its session in an {@code HttpOnly},
 * {@code SameSite=Strict} cookie that script cannot read; a write with that cookie also needs the
 * session's CSRF token in a header (SameSite alone is not enough against same-site attackers). A
 * page inside a cross-site frame gets no cookie (browsers withhold SameSite=Strict cookies there,
 * and more and more all third-party cookies), so it asks for {@code mode: "header"} and keeps the
 * session token in a JavaScript variable only, sending it as a Bearer token: nothing persists, a
 * reload needs a new link, and CSRF is impossible because the browser never attaches it by itself.
 * A {@code Partitioned} (CHIPS) cookie was not chosen: it needs {@code SameSite=None}, is not
 * honoured by every browser, and would bring CSRF back inside the frame.
 */
package dev.gatehouse.rest.portal.boundary;
