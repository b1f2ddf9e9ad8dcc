package dev.gatehouse.rest.cluster.control;

import dev.gatehouse.entitlements.Entitlements;
import dev.gatehouse.keys.ApiKeys;
import dev.gatehouse.rest.entitlements.control.RateLimits;
import dev.gatehouse.rest.mcp.control.UpstreamServers;
import dev.gatehouse.rest.platform.control.WorkspaceCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * This instance's caches of things that can deny access, change limits or change where a gateway
 * call goes (keys, workspaces and their tiers, limit overrides, upstream MCP servers), and how a
 * change announced as text ({@link CacheChange}) drops the entries it concerns.
 */
@ApplicationScoped
public class LocalCaches {

    private static final Logger LOG = Logger.getLogger(LocalCaches.class.getName());

    @Inject
    ApiKeys keys;

    @Inject
    RateLimits rateLimits;

    @Inject
    Entitlements entitlements;

    @Inject
    UpstreamServers upstreamServers;

    @Inject
    WorkspaceCache workspaces;

    /** Drops what one change concerns. */
    public void drop(CacheChange change) {
        switch (change.kind()) {
            case KEY -> keys.invalidate(change.id());
            case WORKSPACE -> {
                keys.invalidateWorkspace(change.id());
                rateLimits.forgetTier(change.id());
                upstreamServers.forget(change.id());
                workspaces.forget(change.id());
            }
            case OVERRIDE -> entitlements.forgetOverride(change.id(), change.feature());
            case MCP_SERVERS -> upstreamServers.forget(change.id());
        }
    }

    /** Drops everything: a change may have been missed. */
    public void dropAll() {
        keys.invalidateAll();
        rateLimits.forgetTiers();
        entitlements.forgetOverrides();
        upstreamServers.forgetAll();
        workspaces.forgetAll();
        LOG.fine("Dropped every cached key, tier, override, workspace and upstream MCP server");
    }
}
