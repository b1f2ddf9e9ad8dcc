package dev.gatehouse.rest.workspaces.control;

import dev.gatehouse.keys.Workspace;
import dev.gatehouse.keys.WorkspaceNotFoundException;
import dev.gatehouse.keys.WorkspaceSettings;
import dev.gatehouse.keys.WorkspaceStore;
import dev.gatehouse.rest.platform.boundary.ApiException;
import dev.gatehouse.rest.platform.boundary.ListQuery;
import dev.gatehouse.rest.platform.boundary.ListSpec;
import dev.gatehouse.rest.workspaces.entity.WorkspaceEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@link WorkspaceStore} on JPA. Deleting a workspace deletes its keys, users and data (database cascades). */
@ApplicationScoped
@Transactional
public class JpaWorkspaceStore implements WorkspaceStore {

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    public JpaWorkspaceStore() {
    }

    /** For use outside a container (tests, embedding): the caller manages transactions. */
    public JpaWorkspaceStore(EntityManager em) {
        this.em = em;
    }

    @Override
    public Workspace insert(Workspace w) {
        if (w.id() != 0) {
            throw new IllegalArgumentException("a workspace to insert must not have an id yet, but has " + w.id());
        }
        WorkspaceEntity e = new WorkspaceEntity();
        copy(w, e);
        em.persist(e);
        em.flush();
        return toRecord(e);
    }

    /**
     * What the workspace list sorts, searches and filters by; {@code tier=} takes the plan
     * catalog's tier names.
     *
     * @param tiers the catalog's tier names
     * @param fields the fields {@code fields=} may select
     */
    public static ListSpec listSpec(List<String> tiers, Set<String> fields) {
        return ListSpec.builder()
                .sort("id", "id").sort("name", "name").sort("slug", "slug").sort("tier", "tier")
                .sort("created_at", "createdAt").sort("updated_at", "updatedAt")
                .search("name", "slug")
                .filter("tier", value -> {
                    if (!tiers.contains(value)) {
                        throw ApiException.validation("tier", "must be one of " + String.join(", ", tiers));
                    }
                    return (cb, e) -> cb.equal(e.get("tier"), value);
                })
                .fields(fields)
                .build();
    }

    /**
     * One page of workspaces.
     *
     * @param query a query parsed with {@link #listSpec}
     * @param onlyId the one workspace a non-root caller may see, or null for all of them
     */
    public ListQuery.Page<Workspace> list(ListQuery query, Long onlyId) {
        return query.fetch(em, WorkspaceEntity.class, onlyId == null ? null : (cb, e) -> cb.equal(e.get("id"), onlyId))
                .map(JpaWorkspaceStore::toRecord);
    }

    @Override
    public Optional<Workspace> findById(long id) {
        return Optional.ofNullable(em.find(WorkspaceEntity.class, id)).map(JpaWorkspaceStore::toRecord);
    }

    @Override
    public boolean slugExists(String slug) {
        return em.createQuery("select count(w) from WorkspaceEntity w where w.slug = :s", Long.class)
                .setParameter("s", slug).getSingleResult() > 0;
    }

    @Override
    public Workspace update(Workspace w) {
        WorkspaceEntity e = em.find(WorkspaceEntity.class, w.id());
        if (e == null) {
            throw new WorkspaceNotFoundException(w.id());
        }
        copy(w, e);
        em.flush();
        return toRecord(e);
    }

    @Override
    public boolean delete(long id) {
        WorkspaceEntity e = em.find(WorkspaceEntity.class, id);
        if (e == null) {
            return false;
        }
        em.remove(e);
        em.flush();
        return true;
    }

    private static void copy(Workspace w, WorkspaceEntity e) {
        e.name = w.name();
        e.slug = w.slug();
        e.tier = w.tier();
        e.timezone = w.settings().timezone();
        e.locale = w.settings().locale();
        e.createdAt = w.createdAt();
        e.updatedAt = w.updatedAt();
    }

    public static Workspace toRecord(WorkspaceEntity e) {
        return new Workspace(e.id, e.name, e.slug, e.tier, new WorkspaceSettings(e.timezone, e.locale), e.createdAt, e.updatedAt);
    }
}
