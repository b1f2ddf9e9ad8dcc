package dev.gatehouse.rest.portal.boundary;

import dev.gatehouse.rest.platform.boundary.Caller;
import dev.gatehouse.rest.platform.boundary.Wire;
import dev.gatehouse.rest.platform.boundary.Wire.Doc;
import dev.gatehouse.rest.platform.boundary.Wire.Nullable;
import dev.gatehouse.rest.platform.boundary.Wire.Omitted;
import dev.gatehouse.rest.platform.boundary.Wire.Required;
import dev.gatehouse.rest.platform.boundary.Wire.Text;
import dev.gatehouse.rest.platform.boundary.Wire.Values;
import java.time.Instant;
import java.util.List;

/** The portal's JSON shapes, as response records (see {@link Wire}). Session tokens appear only in {@link Session}. */
final class PortalViews {

    private PortalViews() {
    }

    /** A minted single-use link. */
    @Wire.Schema("PortalLink")
    record Link(@Required long id, long workspaceId,
                @Required @Doc(value = "The single-use magic link; its token is in the fragment, so it reaches no server log.",
                               format = "uri") String url,
                @Required Instant expiresAt, long sessionLifetimeSeconds, @Nullable String endUser, List<String> scopes) {

        @Override
        public String toString() {
            return "Link[id=" + id + ", url=***]";
        }
    }

    /** A portal session as its page sees it; {@code mode} and {@code token} only when it starts. */
    @Wire.Schema("PortalSession")
    record Session(@Nullable Long id, @Values({Caller.SignIn.PORTAL_SESSION, Caller.SignIn.JWT}) String via,
                   SessionWorkspace workspace, @Nullable String endUser, List<String> scopes, Instant expiresAt,
                   Branding branding, @Omitted @Values({"cookie", "header"}) String mode,
                   @Nullable @Doc("Send as X-CSRF-Token with every write authenticated by the cookie.") String csrfToken,
                   @Omitted @Doc("Only in header mode: the gh_ps_… session token, shown once.") String token) {

        @Override
        public String toString() {
            return "Session[id=" + id + ", token=***]";
        }
    }

    @Wire.Schema("PortalSessionWorkspace")
    record SessionWorkspace(long id, String name, String tier) {

        static SessionWorkspace from(dev.gatehouse.keys.Workspace w) {
            return new SessionWorkspace(w.id(), w.name(), w.tier());
        }
    }

    /** The white label; the same shape is accepted when minting a link. */
    @Wire.Schema("PortalBranding")
    record Branding(@Text(maxLength = 64) String productName,
                    @Nullable @Doc(value = "https only", format = "uri") String logoUrl,
                    @Text(pattern = "^#[0-9a-fA-F]{6}$") String primaryColor) {

        static Branding from(dev.gatehouse.rest.portal.control.Branding b) {
            return new Branding(b.productName(), b.logoUrl(), b.primaryColor());
        }
    }

    @Wire.Schema("PortalSessionsRevoked")
    record Revoked(int revoked) {
    }
}
