package dev.gatehouse.rest.seo.control;

import dev.gatehouse.errors.ValidationException;
import dev.gatehouse.rest.platform.boundary.Json;
import dev.gatehouse.rest.platform.control.DomainEvent;
import dev.gatehouse.rest.seo.entity.SeoIssueEntity;
import dev.gatehouse.seo.ReportReader;
import dev.gatehouse.seo.ScoreDrop;
import dev.gatehouse.seo.SeoIssue;
import dev.gatehouse.seo.SeoReport;
import dev.gatehouse.seo.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes a posted report: reads it (any shape seo-core knows), records it and publishes
 * {@code seo.score_dropped} and {@code seo.issue_opened} as Gatehouse events in the same
 * transaction, so they are delivered if and only if the report is recorded.
 */
@ApplicationScoped
@Transactional
public class SeoReporting {

    public static final String SCORE_DROPPED = "seo.score_dropped";
    public static final String ISSUE_OPENED = "seo.issue_opened";

    private static final ReportReader READER = new ReportReader(JsonMaps::parse);

    @Inject
    SeoStore store;

    @Inject
    SeoThresholdSettings thresholds;

    @Inject
    Event<DomainEvent> events;

    /** Reads, records and announces a report. */
    public SeoStore.Recorded submit(long workspaceId, Map<String, Object> body) {
        SeoReport report = READER.read(body);
        checkDetails(report);
        SeoStore.Recorded recorded = store.record(workspaceId, report, thresholds.of(workspaceId));
        if (!recorded.drops().isEmpty()) {
            events.fire(new DomainEvent(workspaceId, SCORE_DROPPED, scoreDropped(recorded)));
        }
        for (SeoIssueEntity issue : recorded.opened()) {
            if (issue.severity.equals(Severity.ERROR.apiName())) {
                events.fire(new DomainEvent(workspaceId, ISSUE_OPENED, issueOpened(issue, recorded)));
            }
        }
        return recorded;
    }

    private static void checkDetails(SeoReport report) {
        List<SeoIssue> issues = report.issues();
        for (int i = 0; i < issues.size(); i++) {
            if (Json.object(issues.get(i).details()).toString().length() > SeoStore.MAX_DETAILS_CHARS) {
                throw new ValidationException("issues[" + i + "].details",
                        "must be at most " + SeoStore.MAX_DETAILS_CHARS + " characters as JSON.");
            }
        }
    }

    private static Map<String, Object> scoreDropped(SeoStore.Recorded recorded) {
        List<Map<String, Object>> drops = new ArrayList<>();
        for (ScoreDrop d : recorded.drops()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("category", d.category().apiName());
            m.put("score", d.score());
            m.put("previous_score", d.previousScore());
            m.put("below_minimum", d.belowMinimum());
            m.put("dropped_by", d.droppedBy());
            drops.add(m);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("report_id", recorded.report().id);
        data.put("url", recorded.report().url);
        data.put("drops", drops);
        return data;
    }

    private static Map<String, Object> issueOpened(SeoIssueEntity issue, SeoStore.Recorded recorded) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("issue_id", issue.id);
        data.put("report_id", recorded.report().id);
        data.put("url", issue.url);
        data.put("issue_type", issue.type);
        data.put("severity", issue.severity);
        data.put("element", issue.element.isEmpty() ? null : issue.element);
        data.put("title", issue.title);
        data.put("status", issue.status.toLowerCase(java.util.Locale.ROOT));
        return data;
    }
}
