package dev.gatehouse.rest.analytics.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code pixel_sites}; domains and features are space-separated lists. */
@Entity
@Table(name = "pixel_sites")
public class SiteEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "workspace_id", nullable = false)
    public Long workspaceId;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(nullable = false, length = 13000)
    public String domains;

    @Column(nullable = false, length = 100)
    public String features;

    @Column(name = "sample_rate", nullable = false)
    public double sampleRate;

    @Column(name = "count_do_not_track", nullable = false)
    public boolean countDoNotTrack;

    @Column(name = "ingest_limit_per_minute", nullable = false)
    public int ingestLimitPerMinute;

    @Column(nullable = false)
    public boolean enabled;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
