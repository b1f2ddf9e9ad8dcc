package dev.gatehouse.rest.seo.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code seo_settings}: a workspace's own regression thresholds (null: the deployment's). */
@Entity
@Table(name = "seo_settings")
public class SeoSettingsEntity {

    @Id
    @Column(name = "workspace_id")
    public Long workspaceId;

    @Column(name = "min_score")
    public Integer minScore;

    @Column(name = "score_drop_points")
    public Integer scoreDropPoints;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
