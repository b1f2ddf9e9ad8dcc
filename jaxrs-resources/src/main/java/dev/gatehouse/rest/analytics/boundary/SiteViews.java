package dev.gatehouse.rest.analytics.boundary;

import dev.gatehouse.analytics.DomainPattern;
import dev.gatehouse.analytics.Feature;
import dev.gatehouse.analytics.Site;
import dev.gatehouse.rest.analytics.control.Metrics;
import dev.gatehouse.rest.analytics.control.PixelStats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The JSON shapes of sites and stats. */
final class SiteViews {

    static final Set<String> SITE_FIELDS = Set.of("id", "name", "domains", "features", "sample_rate",
            "count_do_not_track", "ingest_limit_per_minute", "enabled", "created_at", "updated_at");

    private SiteViews() {
    }

    static Map<String, Object> site(Site s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("name", s.name());
        m.put("domains", s.domains().stream().map(DomainPattern::toString).toList());
        m.put("features", List.of(Feature.values()).stream().filter(s::records).map(Feature::wireName).toList());
        m.put("sample_rate", s.sampleRate());
        m.put("count_do_not_track", s.countDoNotTrack());
        m.put("ingest_limit_per_minute", s.ingestLimitPerMinute());
        m.put("enabled", s.enabled());
        m.put("created_at", s.createdAt());
        m.put("updated_at", s.updatedAt());
        return m;
    }

    /** A site with the one tag its pages need. */
    static Map<String, Object> withSnippet(Site s, String scriptUrl) {
        Map<String, Object> m = site(s);
        m.put("script_tag", "<script defer src=\"" + scriptUrl + "\"></script>");
        return m;
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
