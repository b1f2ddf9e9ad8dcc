package dev.gatehouse.rest.mcp.control;

import dev.gatehouse.entitlements.Entitlements;
import dev.gatehouse.entitlements.FeatureLimitReachedException;
import dev.gatehouse.keys.AuditEvent;
import dev.gatehouse.keys.Workspace;
import dev.gatehouse.rest.keys.control.JpaAuditSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.logging.Logger;

/**
 * What one gateway call leaves behind once the upstream answered, written in ONE transaction before
 * the call is answered: its audit event ({@code mcp.tool_called}) and, when metered, one
 * {@code mcp_calls} of usage. One commit instead of two, and no wait for the usage group commit's
 * batch: the recording is a statement of this transaction, as {@code WorkspaceUsage} records inside a
 * resource's own. Nothing is acknowledged before both are committed.
 *
 * <p>Exactness is that of {@code @Entitled}: the plan was checked before the upstream was asked, so a
 * call refused at a hard limit never reaches it; when concurrent calls race for the last unit, the
 * guarded add lets exactly the limit be counted and the call that lost (already answered by the
 * upstream) is logged, not counted — the total never passes the limit.
 */
@ApplicationScoped
@Transactional
public class GatewayRecords {

    private static final Logger LOG = Logger.getLogger(GatewayRecords.class.getName());

    @Inject
    JpaAuditSink audit;

    @Inject
    Entitlements entitlements;

    public GatewayRecords() {
    }

    /** Outside a container: runs in the caller's transaction. */
    public GatewayRecords(JpaAuditSink audit, Entitlements entitlements) {
        this.audit = audit;
        this.entitlements = entitlements;
    }

    /**
     * Audits a call and, for a metered one, counts it.
     *
     * @param event          the {@code mcp.tool_called} event
     * @param workspace      the workspace the call was made in
     * @param meteredFeature the feature to count one of ({@code mcp_calls}), or null when not metered
     */
    public void called(AuditEvent event, Workspace workspace, String meteredFeature) {
        audit.record(event);
        if (meteredFeature == null) {
            return;
        }
        try {
            entitlements.record(workspace.id(), workspace.tier(), meteredFeature, 1, null, null);
        } catch (FeatureLimitReachedException lostRace) {
            // The guarded add refused and changed nothing, so the audit event still commits.
            LOG.warning("Usage of " + meteredFeature + " not recorded: " + lostRace.getMessage());
        }
    }
}
