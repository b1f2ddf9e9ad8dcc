package dev.gatehouse.rest.entitlements.boundary;

import dev.gatehouse.entitlements.Check;
import dev.gatehouse.entitlements.Entitlements;
import dev.gatehouse.entitlements.FeatureLimitReachedException;
import dev.gatehouse.entitlements.Recorded;
import dev.gatehouse.entitlements.Summary;
import dev.gatehouse.keys.Workspace;
import dev.gatehouse.rest.platform.boundary.Tenancy;
import dev.gatehouse.rest.entitlements.control.UsageRecorder;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * Entitlements of the workspace the current request acts in — the Java API a deploying app's
 * resources inject, equivalent to {@link Entitled @Entitled} but under the resource's control:
 *
 * <pre>{@code
 * @Inject WorkspaceUsage usage;
 *
 * @POST @RequiresScopes("posts:write")
 * public Response create(JsonBody body) {
 *     usage.require("posts", 1);          // 403 feature_limit_reached when the plan is used up
 *     Post post = posts.save(...);
 *     usage.record("posts", 1);           // same transaction: a refusal rolls the post back too
 *     return Response.status(201).entity(...).build();
 * }
 * }</pre>
 *
 * Recording inside the resource's transaction is exact even when requests race for the last
 * unit: the guarded add refuses, the exception rolls back the resource's own writes, and the
 * client gets the 403. Refusals surface as {@link FeatureLimitReachedException}, which the
 * exception mappers turn into the seed's 403.
 *
 * <p>Called outside any transaction (as the {@code @Entitled} filter does after the response),
 * {@link #record} joins the instance's group commit instead ({@link UsageRecorder}) and returns once
 * its batch has committed. Inside a transaction it cannot: the recording must commit or roll back
 * with the caller's own writes, so it is one more statement of that transaction.
 *
 * <p>Application-scoped: it holds nothing of a request (the workspace comes from {@link Tenancy} at
 * each call), and a request-scoped bean looked its {@code @Resource} up in JNDI on every request —
 * a third of a gateway call's check (BENCHMARKS.md, "MCP gateway overhead").
 */
@ApplicationScoped
public class WorkspaceUsage {

    @Inject
    Entitlements entitlements;

    @Inject
    Tenancy tenancy;

    @Inject
    UsageRecorder recorder;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** Whether the workspace may use {@code quantity} more of the feature now; never consumes. */
    @Transactional
    public Check check(String feature, long quantity) {
        Workspace w = tenancy.workspace();
        return entitlements.check(w.id(), w.tier(), feature, quantity);
    }

    /**
     * Fails unless the workspace may use {@code quantity} more of the feature now. Reads the usage only
     * under a hard limit ({@link Entitlements#require}); not transactional of its own, so outside a
     * transaction that read is one statement on a connection of its own.
     *
     * @throws FeatureLimitReachedException when a hard limit would be passed or the plan lacks the feature
     */
    public void require(String feature, long quantity) {
        Workspace w = tenancy.workspace();
        entitlements.require(w.id(), w.tier(), feature, quantity);
    }

    /** Records usage, counted every time. */
    public Recorded record(String feature, long quantity) {
        return record(feature, quantity, null, null);
    }

    /**
     * Records usage; with an event id at most once per workspace and id.
     *
     * @param metadataJson JSON text stored with the event, or null
     */
    public Recorded record(String feature, long quantity, String eventId, String metadataJson) {
        Workspace w = tenancy.workspace();
        if (transactions == null || transactions.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
            return recorder.record(w.id(), w.tier(), feature, quantity, eventId, metadataJson);
        }
        return entitlements.record(w.id(), w.tier(), feature, quantity, eventId, metadataJson);
    }

    /** The workspace's usage of every feature in its plan. */
    @Transactional
    public Summary summary() {
        Workspace w = tenancy.workspace();
        return entitlements.summary(w.id(), w.tier());
    }
}
