package dev.gatehouse.rest.analytics.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A row of {@code pixel_visits}: one visit's hits of one day, summed. Written by upserts in
 * {@code PixelEventStore}, read by the stats queries; the field names of the columns it shares with
 * {@link PixelEventEntity} are the same, so a filter on a visit's attribution reads either.
 */
@Entity
@Table(name = "pixel_visits")
@IdClass(PixelVisitEntity.Key.class)
public class PixelVisitEntity {

    @Id
    @Column(name = "site_id", nullable = false)
    public long siteId;

    @Id
    @Column(name = "visit_day", nullable = false)
    public LocalDate day;

    @Id
    @Column(name = "visit_id", nullable = false)
    public long visitId;

    @Column(name = "visitor_id", nullable = false)
    public long visitorId;

    @Column(nullable = false)
    public long hits;

    @Column(nullable = false)
    public long pageviews;

    @Column(nullable = false)
    public long events;

    @Column(nullable = false)
    public long interactions;

    @Column(name = "first_ms", nullable = false)
    public long firstMs;

    @Column(name = "last_ms", nullable = false)
    public long lastMs;

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

    /** The primary key: a site's day and the visit's id. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        public long siteId;
        public LocalDate day;
        public long visitId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.siteId == siteId && k.visitId == visitId && Objects.equals(k.day, day);
        }

        @Override
        public int hashCode() {
            return Objects.hash(siteId, day, visitId);
        }
    }
}
