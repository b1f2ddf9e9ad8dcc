package dev.gatehouse.rest.analytics.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** A row of {@code pixel_daily_rollups}: one site's day for one dimension value ({@code all}/"" for the site). */
@Entity
@Table(name = "pixel_daily_rollups")
public class DailyRollupEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "site_id", nullable = false)
    public long siteId;

    @Column(name = "rollup_day", nullable = false)
    public LocalDate day;

    @Column(nullable = false, length = 20)
    public String dimension;

    @Column(name = "dim_value", nullable = false, length = 2000)
    public String value;

    @Column(nullable = false)
    public long visitors;

    @Column(nullable = false)
    public long visits;

    @Column(nullable = false)
    public long pageviews;

    @Column(nullable = false)
    public long events;

    @Column(nullable = false)
    public long bounces;

    @Column(name = "duration_ms", nullable = false)
    public long durationMs;
}
