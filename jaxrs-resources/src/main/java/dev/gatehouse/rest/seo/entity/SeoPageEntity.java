package dev.gatehouse.rest.seo.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code seo_pages}: one normalised URL of a workspace, with its latest report's scores. */
@Entity
@Table(name = "seo_pages")
public class SeoPageEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "workspace_id", nullable = false)
    public Long workspaceId;

    /** SHA-256 of {@link #urlKey}, the unique key (a 2,048-character key is too long to index well). */
    @Column(name = "url_hash", nullable = false, length = 64)
    public String urlHash;

    @Column(name = "url_key", nullable = false, length = 2048)
    public String urlKey;

    @Column(nullable = false, length = 2048)
    public String url;

    @Column(name = "report_count", nullable = false)
    public Integer reportCount;

    @Column(name = "last_report_id")
    public Long lastReportId;

    public Integer performance;

    public Integer accessibility;

    @Column(name = "best_practices")
    public Integer bestPractices;

    public Integer seo;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
