package dev.gatehouse.rest.analytics.boundary;

import dev.gatehouse.analytics.DomainPattern;
import dev.gatehouse.analytics.Feature;
import dev.gatehouse.rest.analytics.control.Metrics;
import dev.gatehouse.rest.analytics.control.PixelStats;
import dev.gatehouse.rest.platform.boundary.Wire;
import dev.gatehouse.rest.platform.boundary.Wire.Doc;
import dev.gatehouse.rest.platform.boundary.Wire.Range;
import dev.gatehouse.rest.platform.boundary.Wire.Required;
import dev.gatehouse.rest.platform.boundary.Wire.Values;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** How sites and stats look over HTTP, as response records (see {@link Wire}). */
final class SiteViews {

    private SiteViews() {
    }

    /** A site as listed. */
    @Wire.Schema("Site")
    record Site(long id, String name,
                @Doc(examples = "[[\"example.com\", \"*.example.com\"]]") List<String> domains,
                @Values(of = Feature.class, method = "wireName") List<String> features,
                @Range(min = 0, max = 1) double sampleRate, boolean countDoNotTrack, int ingestLimitPerMinute,
                boolean enabled, Instant createdAt, Instant updatedAt) {

        static final Set<String> FIELDS = Wire.fields(Site.class);

        static Site from(dev.gatehouse.analytics.Site s) {
            return new Site(s.id(), s.name(), s.domains().stream().map(DomainPattern::toString).toList(),
                    List.of(Feature.values()).stream().filter(s::records).map(Feature::wireName).toList(),
                    s.sampleRate(), s.countDoNotTrack(), s.ingestLimitPerMinute(), s.enabled(), s.createdAt(), s.updatedAt());
        }
    }

    /** A single site: its fields plus the one tag its pages need. */
    @Wire.Schema("SiteWithScriptTag")
    record Tagged(long id, String name,
                  @Doc(examples = "[[\"example.com\", \"*.example.com\"]]") List<String> domains,
                  @Values(of = Feature.class, method = "wireName") List<String> features,
                  @Range(min = 0, max = 1) double sampleRate, boolean countDoNotTrack, int ingestLimitPerMinute,
                  boolean enabled, Instant createdAt, Instant updatedAt,
                  @Required @Doc("The one tag a page needs.") String scriptTag) {

        static Tagged from(dev.gatehouse.analytics.Site site, String scriptUrl) {
            Site s = Site.from(site);
            return new Tagged(s.id(), s.name(), s.domains(), s.features(), s.sampleRate(), s.countDoNotTrack(),
                    s.ingestLimitPerMinute(), s.enabled(), s.createdAt(), s.updatedAt(),
                    "<script defer src=\"" + scriptUrl + "\"></script>");
        }
    }

    static Map<String, Object> metrics(Metrics m, boolean visits) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("visitors", m.visitors());
        out.put("visits", m.visits());
        out.put("pageviews", m.pageviews());
        out.put("events", m.events());
        if (visits) {
            out.put("views_per_visit", m.viewsPerVisit());
            out.put("bounce_rate", m.bounceRate());
            out.put("visit_duration", m.visitDurationSeconds());
        }
        return out;
    }

    static Map<String, Object> point(PixelStats.Point p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("date", p.label());
        m.putAll(metrics(p.metrics(), true));
        return m;
    }

    static Map<String, Object> entry(PixelStats.Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", e.value());
        m.putAll(metrics(e.metrics(), false));
        return m;
    }
}
