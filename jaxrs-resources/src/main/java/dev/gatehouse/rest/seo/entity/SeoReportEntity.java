package dev.gatehouse.rest.seo.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code seo_reports}: one report as recorded, never changed afterwards. */
@Entity
@Table(name = "seo_reports")
public class SeoReportEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "workspace_id", nullable = false, updatable = false)
    public Long workspaceId;

    @Column(name = "page_id", nullable = false, updatable = false)
    public Long pageId;

    @Column(nullable = false, length = 2048, updatable = false)
    public String url;

    @Column(name = "url_key", nullable = false, length = 2048, updatable = false)
    public String urlKey;

    @Column(nullable = false, length = 16, updatable = false)
    public String source;

    @Column(updatable = false)
    public Integer performance;

    @Column(updatable = false)
    public Integer accessibility;

    @Column(name = "best_practices", updatable = false)
    public Integer bestPractices;

    @Column(updatable = false)
    public Integer seo;

    @Column(name = "issue_count", nullable = false, updatable = false)
    public Integer issueCount;

    @Column(name = "new_issues", nullable = false, updatable = false)
    public Integer newIssues;

    @Column(name = "fixed_issues", nullable = false, updatable = false)
    public Integer fixedIssues;

    @Column(name = "lighthouse_version", length = 32, updatable = false)
    public String lighthouseVersion;

    @Column(name = "fetched_at", updatable = false)
    public Instant fetchedAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;
}
