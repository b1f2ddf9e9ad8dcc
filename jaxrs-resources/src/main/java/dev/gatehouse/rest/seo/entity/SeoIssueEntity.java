package dev.gatehouse.rest.seo.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code seo_issues}: one issue of a page, unique per workspace and fingerprint. */
@Entity
@Table(name = "seo_issues")
public class SeoIssueEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "workspace_id", nullable = false)
    public Long workspaceId;

    @Column(name = "page_id", nullable = false)
    public Long pageId;

    @Column(nullable = false, length = 64)
    public String fingerprint;

    @Column(nullable = false, length = 2048)
    public String url;

    @Column(name = "url_key", nullable = false, length = 2048)
    public String urlKey;

    @Column(name = "issue_type", nullable = false, length = 100)
    public String type;

    @Column(nullable = false, length = 8)
    public String severity;

    /** The selector list, empty for the page as a whole. */
    @Column(nullable = false, length = 2000)
    public String element;

    @Column(length = 500)
    public String title;

    /** The latest report's details, as a JSON object. */
    @Column(nullable = false, length = 8000)
    public String details;

    @Column(nullable = false, length = 10)
    public String status;

    @Column(nullable = false)
    public Integer occurrences;

    @Column(name = "first_report_id", nullable = false)
    public Long firstReportId;

    @Column(name = "last_report_id", nullable = false)
    public Long lastReportId;

    @Column(name = "first_seen_at", nullable = false)
    public Instant firstSeenAt;

    @Column(name = "last_seen_at", nullable = false)
    public Instant lastSeenAt;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
