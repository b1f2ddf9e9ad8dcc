package dev.gatehouse.rest.mcp.control;

import dev.gatehouse.commit.NewTransactions;
import dev.gatehouse.entitlements.EntitlementListener;
import dev.gatehouse.entitlements.Entitlements;
import dev.gatehouse.entitlements.FeatureLimitReachedException;
import dev.gatehouse.entitlements.ThresholdCrossed;
import dev.gatehouse.keys.AuditEvent;
import dev.gatehouse.keys.Workspace;
import dev.gatehouse.rest.entitlements.control.JpaUsageStore;
import dev.gatehouse.rest.keys.control.JpaAuditSink;
import dev.gatehouse.rest.platform.control.GroupCommitTransactions;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * What one gateway call leaves behind once the upstream answered, written in ONE transaction before
 * the call is answered: its audit event ({@code mcp.tool_called}) and, when metered, one
 * {@code mcp_calls} of usage. Nothing is acknowledged before both are committed.
 *
 * <p>The transaction is a local one on a pooled JDBC connection — the audit row's {@code INSERT}
 * ({@link JpaAuditSink#insert}) and the guarded usage add ({@link JpaUsageStore#on}, through
 * {@link Entitlements#record(dev.gatehouse.entitlements.UsageStore, EntitlementListener, long, String,
 * String, long, String, String)}), then a commit: no JTA transaction and no persistence context, which
 * took most of a gateway call's own CPU (BENCHMARKS.md, "MCP gateway overhead"). The SQL stays with
 * the stores that own the tables. The one recording that needs more is the one crossing an 80 % or
 * 100 % threshold of a limit: its notification is a webhook event, written through JPA in a JTA
 * transaction. That local transaction is then rolled back and the call's records are written again
 * the usual way, in a JTA transaction of their own, where the notification commits with them — at most
 * twice per counter and period.
 *
 * <p>Exactness is that of {@code @Entitled}: the plan was checked before the upstream was asked, so a
 * call refused at a hard limit never reaches it; when concurrent calls race for the last unit, the
 * guarded add lets exactly the limit be counted and the call that lost (already answered by the
 * upstream) is logged, not counted — the total never passes the limit.
 */
@ApplicationScoped
public class GatewayRecords {

    private static final Logger LOG = Logger.getLogger(GatewayRecords.class.getName());

    /** Refuses a threshold notification inside the local transaction; see the class description. */
    private static final EntitlementListener NOT_HERE = crossed -> {
        throw new NotificationDue(crossed);
    };

    @Inject
    JpaAuditSink audit;

    @Inject
    Entitlements entitlements;

    @Inject
    JpaUsageStore usage;

    @Inject
    GroupCommitTransactions jta;

    @Resource(lookup = "java:app/jdbc/gatehouse")
    DataSource dataSource;

    @Resource
    TransactionSynchronizationRegistry transactions;

    private NewTransactions inJta;

    public GatewayRecords() {
    }

    /**
     * Outside a container (tests): local transactions on {@code dataSource}, and {@code inJta} for the
     * recordings that notify.
     */
    public GatewayRecords(JpaAuditSink audit, Entitlements entitlements, JpaUsageStore usage, DataSource dataSource,
                          NewTransactions inJta) {
        this.audit = audit;
        this.entitlements = entitlements;
        this.usage = usage;
        this.dataSource = dataSource;
        this.inJta = inJta;
    }

    @PostConstruct
    void init() {
        inJta = jta;
    }

    /**
     * Audits a call and, for a metered one, counts it; committed when this returns.
     *
     * @param event          the {@code mcp.tool_called} event
     * @param workspace      the workspace the call was made in
     * @param meteredFeature the feature to count one of ({@code mcp_calls}), or null when not metered
     */
    public void called(AuditEvent event, Workspace workspace, String meteredFeature) {
        if (transactions != null && transactions.getTransactionStatus() != Status.STATUS_NO_TRANSACTION) {
            write(event, workspace, meteredFeature); // the caller's JTA transaction: join it
            return;
        }
        try {
            if (locally(event, workspace, meteredFeature)) {
                return;
            }
        } catch (SQLException e) {
            throw new PersistenceException("gateway records: " + e.getMessage(), e);
        }
        inJta.inTransaction(() -> {
            write(event, workspace, meteredFeature);
            return null;
        });
    }

    /** The local transaction; false (rolled back) when the usage crossed a threshold. */
    private boolean locally(AuditEvent event, Workspace workspace, String meteredFeature) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                audit.insert(c, event);
                if (meteredFeature != null) {
                    count(() -> entitlements.record(usage.on(c), NOT_HERE, workspace.id(), workspace.tier(),
                            meteredFeature, 1, null, null), meteredFeature);
                }
                if (c.getAutoCommit()) {
                    // Whatever turned it back on committed statement by statement: say so rather than pretend.
                    throw new IllegalStateException("the connection went back to auto-commit inside the local transaction");
                }
                c.commit();
                return true;
            } catch (NotificationDue due) {
                c.rollback();
                return false;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** The records in the current JTA transaction, threshold notifications included. */
    private void write(AuditEvent event, Workspace workspace, String meteredFeature) {
        audit.record(event);
        if (meteredFeature != null) {
            count(() -> entitlements.record(workspace.id(), workspace.tier(), meteredFeature, 1, null, null), meteredFeature);
        }
    }

    private static void count(Runnable record, String meteredFeature) {
        try {
            record.run();
        } catch (FeatureLimitReachedException lostRace) {
            // The guarded add refused and changed nothing, so the audit event still commits.
            LOG.warning("Usage of " + meteredFeature + " not recorded: " + lostRace.getMessage());
        }
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** A threshold notification is due: the records are written again in a JTA transaction. */
    static final class NotificationDue extends RuntimeException {

        NotificationDue(ThresholdCrossed crossed) {
            super(crossed.eventType() + " of " + crossed.feature() + " for workspace " + crossed.workspaceId(), null,
                    false, false);
        }
    }
}
