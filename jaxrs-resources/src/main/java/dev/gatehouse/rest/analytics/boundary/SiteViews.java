package dev.gatehouse.rest.analytics.boundary;

import dev.gatehouse.analytics.Dimension;
import dev.gatehouse.analytics.DomainPattern;
import dev.gatehouse.analytics.Feature;
import dev.gatehouse.analytics.Interval;
import dev.gatehouse.analytics.StatsRequest;
import dev.gatehouse.rest.analytics.control.Metrics;
import dev.gatehouse.rest.analytics.control.PixelStats;
import dev.gatehouse.rest.platform.boundary.Wire;
import dev.gatehouse.rest.platform.boundary.Wire.Doc;
import dev.gatehouse.rest.platform.boundary.Wire.Omitted;
import dev.gatehouse.rest.platform.boundary.Wire.Range;
import dev.gatehouse.rest.platform.boundary.Wire.Required;
import dev.gatehouse.rest.platform.boundary.Wire.Values;
import java.time.Instant;
import java.time.LocalDate;
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

    /** A site's statistics over a period: {@code GET /sites/{id}/stats}. */
    @Wire.Schema("SiteStats")
    record Stats(long siteId, Period period, @Values(of = Interval.class, method = "wireName") String interval,
                 Map<String, String> filters, SiteMetrics aggregate, List<Point> timeseries,
                 @Omitted Breakdown breakdown) {

        static Stats from(long siteId, StatsRequest request, PixelStats.Report report) {
            Map<String, String> filters = new LinkedHashMap<>();
            request.filters().forEach((d, v) -> filters.put(d.wireName(), v));
            return new Stats(siteId, new Period(request.from(), request.to()), request.interval().wireName(), filters,
                    SiteMetrics.from(report.aggregate()), report.series().stream().map(Point::from).toList(),
                    report.breakdown() == null ? null : Breakdown.from(report.breakdown(), request));
        }
    }

    /** The dates a report covers, both included (UTC). */
    @Wire.Schema("SiteStatsPeriod")
    record Period(LocalDate from, LocalDate to) {
    }

    /** The metrics of a period or of one step of the series. */
    record SiteMetrics(long visitors, long visits, long pageviews, long events, double viewsPerVisit,
                       @Doc("percent") long bounceRate, @Doc("seconds, average") long visitDuration) {

        static SiteMetrics from(Metrics m) {
            return new SiteMetrics(m.visitors(), m.visits(), m.pageviews(), m.events(), m.viewsPerVisit(), m.bounceRate(),
                    m.visitDurationSeconds());
        }
    }

    /** One step of the series: its label and its metrics. */
    @Wire.Schema("SiteStatsPoint")
    record Point(String date, long visitors, long visits, long pageviews, long events, double viewsPerVisit,
                 @Doc("percent") long bounceRate, @Doc("seconds, average") long visitDuration) {

        static Point from(PixelStats.Point p) {
            SiteMetrics m = SiteMetrics.from(p.metrics());
            return new Point(p.label(), m.visitors(), m.visits(), m.pageviews(), m.events(), m.viewsPerVisit(), m.bounceRate(),
                    m.visitDuration());
        }
    }

    /** A page of the breakdown by one dimension. */
    @Wire.Schema("SiteStatsBreakdown")
    record Breakdown(@Values(of = Dimension.class, method = "wireName") String dimension, List<Entry> data, Page meta) {

        static Breakdown from(PixelStats.Breakdown b, StatsRequest request) {
            long total = b.total();
            return new Breakdown(b.dimension().wireName(), b.entries().stream().map(Entry::from).toList(),
                    new Page(request.page(), request.perPage(), total,
                            Math.max(1, (total + request.perPage() - 1) / request.perPage())));
        }
    }

    /** One value of the breakdown's dimension with its counts. */
    @Wire.Schema("SiteStatsEntry")
    record Entry(String value, long visitors, long visits, long pageviews, long events) {

        static Entry from(PixelStats.Entry e) {
            Metrics m = e.metrics();
            return new Entry(e.value(), m.visitors(), m.visits(), m.pageviews(), m.events());
        }
    }

    /** Where the breakdown's page is. */
    @Wire.Schema("SiteStatsPage")
    record Page(int currentPage, int perPage, long total, long lastPage) {
    }
}
