package dev.gatehouse.rest.seo.control;

import dev.gatehouse.rest.platform.boundary.Json;
import dev.gatehouse.rest.platform.boundary.ListQuery;
import dev.gatehouse.rest.seo.entity.SeoIssueEntity;
import dev.gatehouse.rest.seo.entity.SeoPageEntity;
import dev.gatehouse.rest.seo.entity.SeoReportEntity;
import dev.gatehouse.rest.seo.entity.SeoSettingsEntity;
import dev.gatehouse.rest.workspaces.entity.WorkspaceEntity;
import dev.gatehouse.seo.Category;
import dev.gatehouse.seo.Fingerprints;
import dev.gatehouse.seo.IssueStatus;
import dev.gatehouse.seo.Reconciliation;
import dev.gatehouse.seo.ScoreDrop;
import dev.gatehouse.seo.ScoreThresholds;
import dev.gatehouse.seo.SeoIssue;
import dev.gatehouse.seo.SeoReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SEO tables: records a report and reconciles its page's issues, lists issues and reports,
 * reads score trends and a workspace's thresholds. Every method joins the caller's transaction.
 * Recording locks the page's row first, so two reports of one page are reconciled one after the
 * other and a report is always compared with the one recorded just before it.
 */
@ApplicationScoped
@Transactional
public class SeoStore {

    /** Longest {@code details} of an issue, as JSON text. */
    public static final int MAX_DETAILS_CHARS = 8000;

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    Clock clock;

    public SeoStore() {
    }

    public SeoStore(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /**
     * What recording a report did.
     *
     * @param report the report as stored
     * @param issues the report's issues as stored, in the report's order
     * @param opened the issues this report opened: new ones and reopened ones
     * @param drops  the categories that regressed
     */
    public record Recorded(SeoReportEntity report, List<SeoIssueEntity> issues, List<SeoIssueEntity> opened,
                           List<ScoreDrop> drops) {
    }

    /** Records a report of a page and moves the page's issues: new, seen again, resolved. */
    public Recorded record(long workspaceId, SeoReport report, ScoreThresholds thresholds) {
        Instant now = clock.instant();
        SeoPageEntity page = lockPage(workspaceId, report, now);
        Map<Category, Integer> previous = page.reportCount == 0 ? Map.of() : scores(page);

        Map<String, SeoIssueEntity> known = new HashMap<>();
        for (SeoIssueEntity issue : em.createQuery("select e from SeoIssueEntity e where e.pageId = :page", SeoIssueEntity.class)
                .setParameter("page", page.id).getResultList()) {
            known.put(issue.fingerprint, issue);
        }
        Map<String, IssueStatus> statuses = new HashMap<>();
        known.forEach((fingerprint, issue) -> statuses.put(fingerprint, IssueStatus.valueOf(issue.status)));
        Map<String, SeoIssue> incoming = new LinkedHashMap<>();
        for (SeoIssue issue : report.issues()) {
            incoming.putIfAbsent(issue.fingerprint(report.urlKey()), issue);
        }
        Reconciliation change = Reconciliation.of(statuses, incoming.keySet());
        List<String> opened = change.opened(statuses);

        SeoReportEntity r = new SeoReportEntity();
        r.workspaceId = workspaceId;
        r.pageId = page.id;
        r.url = report.url();
        r.urlKey = report.urlKey();
        r.source = report.source().apiName();
        r.performance = report.scores().get(Category.PERFORMANCE);
        r.accessibility = report.scores().get(Category.ACCESSIBILITY);
        r.bestPractices = report.scores().get(Category.BEST_PRACTICES);
        r.seo = report.scores().get(Category.SEO);
        r.issueCount = incoming.size();
        r.newIssues = opened.size();
        r.fixedIssues = change.resolved().size();
        r.lighthouseVersion = report.lighthouseVersion();
        r.fetchedAt = report.fetchedAt();
        r.createdAt = now;
        em.persist(r);
        em.flush(); // the report's id, for its issues' first and last report

        List<SeoIssueEntity> issues = new ArrayList<>();
        for (Map.Entry<String, SeoIssue> entry : incoming.entrySet()) {
            SeoIssue issue = entry.getValue();
            SeoIssueEntity e = known.get(entry.getKey());
            boolean created = e == null;
            if (created) {
                e = new SeoIssueEntity();
                e.workspaceId = workspaceId;
                e.pageId = page.id;
                e.fingerprint = entry.getKey();
                e.urlKey = report.urlKey();
                e.element = issue.element();
                e.type = issue.type();
                e.status = IssueStatus.OPEN.name();
                e.occurrences = 0;
                e.firstReportId = r.id;
                e.firstSeenAt = now;
                e.createdAt = now;
            } else {
                e.status = change.seen().get(entry.getKey()).name();
                if (e.status.equals(IssueStatus.REOPENED.name())) {
                    e.resolvedAt = null;
                }
            }
            e.url = report.url();
            e.severity = issue.severity().apiName();
            e.title = issue.title();
            e.details = details(issue);
            e.occurrences = e.occurrences + 1;
            e.lastReportId = r.id;
            e.lastSeenAt = now;
            e.updatedAt = now;
            if (created) {
                em.persist(e); // IDENTITY ids insert at once, so only a complete row
            }
            issues.add(e);
        }
        for (String fingerprint : change.resolved()) {
            SeoIssueEntity e = known.get(fingerprint);
            e.status = IssueStatus.RESOLVED.name();
            e.resolvedAt = now;
            e.updatedAt = now;
        }

        page.url = report.url();
        page.reportCount = page.reportCount + 1;
        page.lastReportId = r.id;
        page.performance = r.performance;
        page.accessibility = r.accessibility;
        page.bestPractices = r.bestPractices;
        page.seo = r.seo;
        page.updatedAt = now;

        List<SeoIssueEntity> openedIssues = issues.stream().filter(i -> opened.contains(i.fingerprint)).toList();
        return new Recorded(r, issues, openedIssues, ScoreDrop.between(previous, report.scores(), thresholds));
    }

    /** The issue's details as JSON text ({@link SeoReporting} refuses reports whose details are too long). */
    static String details(SeoIssue issue) {
        return Json.object(issue.details()).toString();
    }

    private SeoPageEntity lockPage(long workspaceId, SeoReport report, Instant now) {
        String hash = Fingerprints.fingerprint(report.urlKey(), "", "");
        List<SeoPageEntity> found = em.createQuery(
                        "select e from SeoPageEntity e where e.workspaceId = :ws and e.urlHash = :hash", SeoPageEntity.class)
                .setParameter("ws", workspaceId).setParameter("hash", hash)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        if (!found.isEmpty()) {
            return found.get(0);
        }
        // A first report of the page; a concurrent first report of the same page fails on the unique
        // key and is answered 409, to be retried.
        SeoPageEntity page = new SeoPageEntity();
        page.workspaceId = workspaceId;
        page.urlHash = hash;
        page.urlKey = report.urlKey();
        page.url = report.url();
        page.reportCount = 0;
        page.createdAt = now;
        page.updatedAt = now;
        em.persist(page);
        em.flush();
        return page;
    }

    private static Map<Category, Integer> scores(SeoPageEntity page) {
        Map<Category, Integer> out = new EnumMap<>(Category.class);
        put(out, Category.PERFORMANCE, page.performance);
        put(out, Category.ACCESSIBILITY, page.accessibility);
        put(out, Category.BEST_PRACTICES, page.bestPractices);
        put(out, Category.SEO, page.seo);
        return out;
    }

    /** A report's scores by category, absent where it has none. */
    public static Map<Category, Integer> scores(SeoReportEntity report) {
        Map<Category, Integer> out = new EnumMap<>(Category.class);
        put(out, Category.PERFORMANCE, report.performance);
        put(out, Category.ACCESSIBILITY, report.accessibility);
        put(out, Category.BEST_PRACTICES, report.bestPractices);
        put(out, Category.SEO, report.seo);
        return out;
    }

    private static void put(Map<Category, Integer> map, Category category, Integer score) {
        if (score != null) {
            map.put(category, score);
        }
    }

    /** One page of a workspace's issues. */
    public ListQuery.Page<SeoIssueEntity> issues(long workspaceId, ListQuery query) {
        return query.fetch(em, SeoIssueEntity.class, (cb, e) -> cb.equal(e.get("workspaceId"), workspaceId));
    }

    /** One page of a workspace's reports. */
    public ListQuery.Page<SeoReportEntity> reports(long workspaceId, ListQuery query) {
        return query.fetch(em, SeoReportEntity.class, (cb, e) -> cb.equal(e.get("workspaceId"), workspaceId));
    }

    public Optional<SeoIssueEntity> issue(long workspaceId, long id) {
        return em.createQuery("select e from SeoIssueEntity e where e.id = :id and e.workspaceId = :ws", SeoIssueEntity.class)
                .setParameter("id", id).setParameter("ws", workspaceId).getResultStream().findFirst();
    }

    public Optional<SeoReportEntity> report(long workspaceId, long id) {
        return em.createQuery("select e from SeoReportEntity e where e.id = :id and e.workspaceId = :ws", SeoReportEntity.class)
                .setParameter("id", id).setParameter("ws", workspaceId).getResultStream().findFirst();
    }

    /** Sets the status a person may set ({@code ignored}, or {@code open} again). */
    public Optional<SeoIssueEntity> setStatus(long workspaceId, long id, IssueStatus requested) {
        return issue(workspaceId, id).map(e -> {
            IssueStatus next = IssueStatus.valueOf(e.status).setByPerson(requested);
            if (!next.name().equals(e.status)) {
                e.status = next.name();
                e.updatedAt = clock.instant();
            }
            return e;
        });
    }

    /**
     * The reports of one page, oldest first, between two instants (either may be null).
     *
     * @param limit the most recent this many
     */
    public List<SeoReportEntity> trend(long workspaceId, String urlKey, Instant from, Instant to, int limit) {
        List<SeoReportEntity> newestFirst = em.createQuery("select e from SeoReportEntity e where e.workspaceId = :ws"
                        + " and e.urlKey = :url and e.createdAt >= :from and e.createdAt <= :to order by e.id desc",
                        SeoReportEntity.class)
                .setParameter("ws", workspaceId).setParameter("url", urlKey)
                .setParameter("from", from == null ? Instant.EPOCH : from)
                .setParameter("to", to == null ? Instant.parse("9999-12-31T23:59:59Z") : to)
                .setMaxResults(limit).getResultList();
        List<SeoReportEntity> out = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(out);
        return out;
    }

    public Optional<SeoSettingsEntity> settings(long workspaceId) {
        return Optional.ofNullable(em.find(SeoSettingsEntity.class, workspaceId));
    }

    /** Saves a workspace's thresholds; null leaves that one to the deployment's default. */
    public SeoSettingsEntity saveSettings(long workspaceId, Integer minScore, Integer scoreDropPoints) {
        // The workspace's row serialises the first save: two at once would otherwise both insert, and
        // the second would fail at commit (after the resource returned) with a 500.
        em.find(WorkspaceEntity.class, workspaceId, LockModeType.PESSIMISTIC_WRITE);
        SeoSettingsEntity e = em.find(SeoSettingsEntity.class, workspaceId, LockModeType.PESSIMISTIC_WRITE);
        boolean created = e == null;
        if (created) {
            e = new SeoSettingsEntity();
            e.workspaceId = workspaceId;
        }
        e.minScore = minScore;
        e.scoreDropPoints = scoreDropPoints;
        e.updatedAt = clock.instant();
        if (created) {
            em.persist(e);
        }
        return e;
    }
}
