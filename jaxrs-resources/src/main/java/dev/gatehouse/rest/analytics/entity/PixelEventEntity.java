package dev.gatehouse.rest.analytics.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** A row of {@code pixel_events}: one recorded hit. {@code kind}: 0 pageview, 1 custom event, 2 engagement. */
@Entity
@Table(name = "pixel_events")
public class PixelEventEntity {

    public static final short PAGEVIEW = 0;
    public static final short CUSTOM = 1;
    public static final short ENGAGEMENT = 2;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "site_id", nullable = false)
    public long siteId;

    @Column(name = "at_ms", nullable = false)
    public long atMs;

    @Column(name = "event_day", nullable = false)
    public LocalDate day;

    @Column(name = "event_hour", nullable = false)
    public long hour;

    @Column(name = "visitor_id", nullable = false)
    public long visitorId;

    @Column(name = "visit_id", nullable = false)
    public long visitId;

    @Column(nullable = false)
    public short kind;

    @Column(nullable = false, length = 120)
    public String name;

    @Column(nullable = false, length = 253)
    public String hostname;

    @Column(nullable = false, length = 2000)
    public String pathname;

    @Column(length = 253)
    public String source;

    @Column(name = "utm_source", length = 200)
    public String utmSource;

    @Column(name = "utm_medium", length = 200)
    public String utmMedium;

    @Column(name = "utm_campaign", length = 200)
    public String utmCampaign;

    @Column(name = "utm_term", length = 200)
    public String utmTerm;

    @Column(name = "utm_content", length = 200)
    public String utmContent;

    @Column(nullable = false, length = 16)
    public String device;

    @Column(length = 8192)
    public String properties;

    @Column(nullable = false)
    public boolean interactive;
}
