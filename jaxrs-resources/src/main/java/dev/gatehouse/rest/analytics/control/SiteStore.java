package dev.gatehouse.rest.analytics.control;

import dev.gatehouse.analytics.DomainPattern;
import dev.gatehouse.analytics.Feature;
import dev.gatehouse.analytics.Site;
import dev.gatehouse.analytics.SiteSpec;
import dev.gatehouse.rest.analytics.entity.SiteEntity;
import dev.gatehouse.rest.platform.boundary.ListQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Sites in {@code pixel_sites}: the workspace's CRUD, lists and the snapshot of every site. */
@ApplicationScoped
@Transactional
public class SiteStore {

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    Clock clock;

    public Site create(long workspaceId, SiteSpec spec) {
        SiteSpec.Validated v = spec.validate();
        SiteEntity e = new SiteEntity();
        e.workspaceId = workspaceId;
        e.createdAt = clock.instant();
        apply(e, spec, v);
        em.persist(e);
        em.flush();
        return toSite(e);
    }

    public Optional<Site> find(long workspaceId, long id) {
        SiteEntity e = em.find(SiteEntity.class, id);
        return e == null || e.workspaceId != workspaceId ? Optional.empty() : Optional.of(toSite(e));
    }

    /** Replaces a site's settings; empty when the workspace has no such site. */
    public Optional<Site> update(long workspaceId, long id, SiteSpec spec) {
        SiteEntity e = em.find(SiteEntity.class, id);
        if (e == null || e.workspaceId != workspaceId) {
            return Optional.empty();
        }
        apply(e, spec, spec.validate());
        em.flush();
        return Optional.of(toSite(e));
    }

    /** Deletes a site with its events, visits and roll-ups; false when the workspace has no such site. */
    public boolean delete(long workspaceId, long id) {
        // The site's row first (as the H2 hit writer locks it first): a deletion and a writer never
        // wait for each other's rows in opposite orders.
        SiteEntity e = em.find(SiteEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (e == null || e.workspaceId != workspaceId) {
            return false;
        }
        em.createQuery("delete from PixelEventEntity e where e.siteId = :site").setParameter("site", id).executeUpdate();
        em.createQuery("delete from PixelVisitEntity v where v.siteId = :site").setParameter("site", id).executeUpdate();
        em.createQuery("delete from DailyRollupEntity r where r.siteId = :site").setParameter("site", id).executeUpdate();
        // A statement, not em.remove: of two deletes at once the second finds no row here (404) instead
        // of failing at commit, after the resource returned, with a 500.
        return em.createQuery("delete from SiteEntity s where s.id = :id and s.workspaceId = :ws")
                .setParameter("id", id).setParameter("ws", workspaceId).executeUpdate() == 1;
    }

    public ListQuery.Page<SiteEntity> list(ListQuery query, long workspaceId) {
        return query.fetch(em, SiteEntity.class, (cb, e) -> cb.equal(e.get("workspaceId"), workspaceId));
    }

    /** Every site, for the domain snapshot the public endpoints use. */
    public List<Site> all() {
        return em.createQuery("select e from SiteEntity e order by e.id", SiteEntity.class).getResultList().stream()
                .map(SiteStore::toSite).toList();
    }

    /** Locks a site's row until the transaction ends, so one instance at a time rolls its days up. */
    public boolean lock(long siteId) {
        return em.find(SiteEntity.class, siteId, LockModeType.PESSIMISTIC_WRITE) != null;
    }

    private void apply(SiteEntity e, SiteSpec spec, SiteSpec.Validated v) {
        e.name = v.name();
        e.domains = v.domains().stream().map(DomainPattern::toString).collect(Collectors.joining(" "));
        e.features = v.features().stream().sorted().map(Feature::wireName).collect(Collectors.joining(" "));
        e.sampleRate = spec.sampleRate();
        e.countDoNotTrack = spec.countDoNotTrack();
        e.ingestLimitPerMinute = spec.ingestLimitPerMinute();
        e.enabled = spec.enabled();
        e.updatedAt = clock.instant();
    }

    public static Site toSite(SiteEntity e) {
        List<DomainPattern> domains = Arrays.stream(e.domains.split(" ")).filter(s -> !s.isEmpty())
                .map(DomainPattern::parse).toList();
        var features = Arrays.stream(e.features.split(" ")).filter(s -> !s.isEmpty()).map(Feature::fromWireName)
                .collect(Collectors.toSet());
        return new Site(e.id, e.workspaceId, e.name, domains, features, e.sampleRate, e.countDoNotTrack,
                e.ingestLimitPerMinute, e.enabled, e.createdAt, e.updatedAt);
    }
}
