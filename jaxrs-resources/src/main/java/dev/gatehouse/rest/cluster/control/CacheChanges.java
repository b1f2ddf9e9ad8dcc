package dev.gatehouse.rest.cluster.control;

import dev.gatehouse.keys.ChangeListener;
import dev.gatehouse.rest.platform.control.AfterCommit;
import dev.gatehouse.rest.platform.control.ConfiguredDataSource;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Where the cores report changes that can deny access or change limits. Each one is dropped from
 * this instance's caches once its transaction has committed (before that, a request could cache
 * the old state again) and, on PostgreSQL, announced to every instance in that same transaction:
 * the change counter is advanced and {@code pg_notify} carries the change, so an announcement
 * exists exactly when the change committed.
 */
@ApplicationScoped
@Transactional
public class CacheChanges implements ChangeListener {

    /** The PostgreSQL notification channel. */
    public static final String CHANNEL = "gatehouse_cache_changes";

    // One statement, one round trip: the counter the safety net polls, and the notification that
    // names the change, prefixed with the counter so listeners know which advances they have seen.
    private static final String ANNOUNCE = "WITH c AS (UPDATE cache_changes SET counter = counter + 1 WHERE id = 1"
            + " RETURNING counter) SELECT c.counter, CAST(pg_notify('" + CHANNEL + "', c.counter || ' ' || CAST(?1 AS VARCHAR))"
            + " AS VARCHAR) FROM c";

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    AfterCommit afterCommit;

    @Inject
    LocalCaches caches;

    private boolean announce;

    @PostConstruct
    void configure() {
        announce = !ConfiguredDataSource.Settings.read().isH2();
    }

    @Override
    public void keyChanged(long keyId) {
        changed(CacheChange.key(keyId));
    }

    @Override
    public void workspaceChanged(long workspaceId) {
        changed(CacheChange.workspace(workspaceId));
    }

    /**
     * A workspace's limit override of a feature was set or removed.
     *
     * @param workspaceId the workspace
     * @param feature the feature key
     */
    public void overrideChanged(long workspaceId, String feature) {
        changed(CacheChange.override(workspaceId, feature));
    }

    /**
     * A workspace's upstream MCP servers were registered, changed or removed.
     *
     * @param workspaceId the workspace
     */
    public void mcpServersChanged(long workspaceId) {
        changed(CacheChange.mcpServers(workspaceId));
    }

    void changed(CacheChange change) {
        if (announce) {
            em.createNativeQuery(ANNOUNCE).setParameter(1, change.text()).getResultList();
        }
        afterCommit.run(() -> caches.drop(change));
    }
}
