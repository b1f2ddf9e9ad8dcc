package dev.gatehouse.rest.analytics.control;

/**
 * Counts over some set of hits. Visitor ids change daily, so visitors of several days add up; a
 * visit that crosses midnight counts on both days.
 *
 * @param visitors   distinct visitors
 * @param visits     distinct visits
 * @param pageviews  pageviews
 * @param events     custom events
 * @param bounces    visits with at most one pageview and no interactive event
 * @param durationMs the visits' durations (first to last hit), summed
 */
public record Metrics(long visitors, long visits, long pageviews, long events, long bounces, long durationMs) {

    public static final Metrics ZERO = new Metrics(0, 0, 0, 0, 0, 0);

    public Metrics plus(Metrics o) {
        return new Metrics(visitors + o.visitors, visits + o.visits, pageviews + o.pageviews, events + o.events,
                bounces + o.bounces, durationMs + o.durationMs);
    }

    /** Pageviews per visit, two decimals. */
    public double viewsPerVisit() {
        return visits == 0 ? 0 : Math.round(pageviews * 100.0 / visits) / 100.0;
    }

    /** Bouncing visits in percent, whole. */
    public long bounceRate() {
        return visits == 0 ? 0 : Math.round(bounces * 100.0 / visits);
    }

    /** The average visit's duration in whole seconds. */
    public long visitDurationSeconds() {
        return visits == 0 ? 0 : Math.round(durationMs / 1000.0 / visits);
    }
}
