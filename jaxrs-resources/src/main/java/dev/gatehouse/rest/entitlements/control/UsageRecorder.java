package dev.gatehouse.rest.entitlements.control;

import dev.gatehouse.entitlements.Entitlements;
import dev.gatehouse.entitlements.GroupCommit;
import dev.gatehouse.entitlements.Recorded;
import dev.gatehouse.rest.platform.control.GroupCommitTransactions;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Records usage that is not part of a caller's transaction ({@code POST /entitlements/usage}, the
 * {@code @Entitled} filter after the response): through the instance's {@link GroupCommit} — one
 * writer thread, one transaction per batch, each caller answered after its batch committed — or,
 * with {@code gatehouse.entitlements.group-commit.enabled=false}, in a transaction per recording.
 * Settings ({@code gatehouse.entitlements.group-commit.*}): {@code enabled} (true),
 * {@code max-batch} (256), {@code window-micros} (2000), {@code queue-capacity} (8192). Recordings
 * inside a caller's own transaction ({@code WorkspaceUsage} in a transactional resource) go
 * straight to {@link Entitlements#record}: they must commit or roll back with that transaction.
 */
@ApplicationScoped
public class UsageRecorder {

    private static final Logger LOG = Logger.getLogger(UsageRecorder.class.getName());

    @Inject
    Entitlements entitlements;

    @Inject
    GroupCommitTransactions transactions;

    /** {@code gatehouse.entitlements.group-commit.enabled}: false records each in its own transaction. */
    @Inject
    @ConfigProperty(name = "gatehouse.entitlements.group-commit.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "gatehouse.entitlements.group-commit.max-batch")
    Optional<Integer> maxBatch;

    @Inject
    @ConfigProperty(name = "gatehouse.entitlements.group-commit.window-micros")
    Optional<Long> windowMicros;

    @Inject
    @ConfigProperty(name = "gatehouse.entitlements.group-commit.queue-capacity")
    Optional<Integer> queueCapacity;

    @Resource
    ManagedThreadFactory threads;

    private GroupCommit groupCommit;

    @PostConstruct
    void init() {
        if (!enabled) {
            LOG.info("Usage group commit is off (gatehouse.entitlements.group-commit.enabled=false):"
                    + " one transaction per recording");
            return;
        }
        GroupCommit.Builder builder = GroupCommit.builder(entitlements).transactions(transactions::inTransaction);
        if (threads != null) {
            builder.threadFactory(threads);
        }
        maxBatch.ifPresent(builder::maxBatch);
        windowMicros.ifPresent(micros -> builder.window(Duration.ofNanos(micros * 1000)));
        queueCapacity.ifPresent(builder::queueCapacity);
        groupCommit = builder.build();
    }

    /**
     * Records usage, committed before it returns; must be called outside any transaction.
     *
     * @return the new total
     */
    public Recorded record(long workspaceId, String tier, String feature, long quantity, String eventId,
                           String metadataJson) {
        if (groupCommit == null) {
            return transactions.inTransaction(() -> entitlements.record(workspaceId, tier, feature, quantity, eventId,
                    metadataJson));
        }
        return groupCommit.record(workspaceId, tier, feature, quantity, eventId, metadataJson);
    }

    /** Commits what is queued and stops the writer; later recordings run on their callers' threads. */
    @PreDestroy
    void close() {
        if (groupCommit != null) {
            groupCommit.close();
        }
    }
}
