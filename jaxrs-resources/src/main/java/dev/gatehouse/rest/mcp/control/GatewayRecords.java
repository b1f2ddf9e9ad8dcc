package dev.gatehouse.rest.mcp.control;

import dev.gatehouse.commit.GroupCommitter;
import dev.gatehouse.entitlements.Entitlements;
import dev.gatehouse.entitlements.FeatureLimitReachedException;
import dev.gatehouse.keys.AuditEvent;
import dev.gatehouse.keys.Workspace;
import dev.gatehouse.rest.platform.control.GroupCommitTransactions;
import dev.gatehouse.rest.keys.control.JpaAuditSink;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What one gateway call leaves behind once the upstream answered: its audit event
 * ({@code mcp.tool_called}) and, when metered, one {@code mcp_calls} of usage — written together, in
 * one transaction, by a writer that commits concurrent calls' records in batches
 * ({@link GroupCommitter}). When {@code mcp_calls} is unlimited in the workspace's plan (or the
 * catalog has no such feature), the call is answered without waiting for them: the two writes were two thirds of
 * the gateway's own CPU on a call's path (a JTA transaction, an audit insert, a counter add). When the
 * plan limits {@code mcp_calls}, the call waits for its batch's commit, so the next call's check counts it.
 *
 * <p><b>What a crash can lose:</b> the records of unlimited calls answered in the last moments before
 * it — those still queued (a batch closes within 2 ms). A shutdown writes them first. When the queue is
 * full the call writes its own records before it is answered, so the queue never grows without bound.
 *
 * <p><b>Exactness</b> is that of {@code @Entitled}: the plan was checked before the upstream was asked,
 * so a call refused at a hard limit never reaches it; when concurrent calls race for the last unit,
 * the guarded add lets exactly the limit be counted and the call that lost (already answered by the
 * upstream) is logged, not counted — the total never passes the limit.
 */
@ApplicationScoped
public class GatewayRecords {

    private static final Logger LOG = Logger.getLogger(GatewayRecords.class.getName());

    /** One call's records: its audit event (request facts already added) and what to meter, if anything. */
    record Call(AuditEvent event, long workspaceId, String tier, String meteredFeature) {
    }

    @Inject
    JpaAuditSink audit;

    @Inject
    Entitlements entitlements;

    @Inject
    GroupCommitTransactions transactions;

    @Resource
    ManagedThreadFactory threads;

    private GroupCommitter<Call, Boolean> writer;

    @PostConstruct
    void init() {
        GroupCommitter.Builder<Call, Boolean> builder = GroupCommitter.builder("gatehouse-gateway-records", this::write)
                .transactions(transactions);
        if (threads != null) {
            builder.threadFactory(threads);
        }
        writer = builder.build();
    }

    /**
     * Hands a call's records to the writer. Call on the request's thread: the audit event takes the
     * request's facts here.
     *
     * @param event          the {@code mcp.tool_called} event
     * @param workspace      the workspace the call was made in
     * @param meteredFeature the feature to count one of ({@code mcp_calls}), or null when not metered
     * @param limited        whether the workspace's plan limits the metered feature: then this returns only
     *                       once the records committed, so the next call's check counts this one
     */
    public void called(AuditEvent event, Workspace workspace, String meteredFeature, boolean limited) {
        Call call = new Call(audit.withRequestFacts(event), workspace.id(), workspace.tier(), meteredFeature);
        if (limited) {
            writer.submit(call);
            return;
        }
        writer.submitLater(call).whenComplete((counted, failed) -> {
            if (failed != null) {
                LOG.log(Level.SEVERE, "The records of an MCP gateway call (" + event.type() + ", workspace "
                        + workspace.id() + ") could not be written", failed);
            }
        });
    }

    /** A batch's records, in the batch's transaction; true for each call whose usage was counted. */
    private List<Boolean> write(List<Call> batch) {
        List<Boolean> counted = new ArrayList<>(batch.size());
        for (Call call : batch) {
            audit.write(call.event());
            counted.add(count(call));
        }
        return counted;
    }

    private boolean count(Call call) {
        if (call.meteredFeature() == null) {
            return false;
        }
        try {
            entitlements.record(call.workspaceId(), call.tier(), call.meteredFeature(), 1, null, null);
            return true;
        } catch (FeatureLimitReachedException lostRace) {
            // The guarded add refused and changed nothing, so the audit event still commits.
            LOG.warning("Usage of " + call.meteredFeature() + " not recorded: " + lostRace.getMessage());
            return false;
        }
    }

    /** Writes what is queued; later calls write their own records before they are answered. */
    @PreDestroy
    void close() {
        if (writer != null) {
            writer.close();
        }
    }
}
