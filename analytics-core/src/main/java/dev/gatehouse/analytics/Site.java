package dev.gatehouse.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A site a workspace tracks.
 *
 * @param id                   the site's id
 * @param workspaceId          the workspace that owns it
 * @param name                 a name for people
 * @param domains              the domains its pages live on
 * @param features             what it records
 * @param sampleRate           the share of page loads the tracker reports, 0 to 1
 * @param countDoNotTrack      whether visitors who send {@code DNT: 1} or {@code Sec-GPC: 1} are counted
 * @param ingestLimitPerMinute the most hits per minute it accepts (per instance)
 * @param enabled              whether it accepts hits at all
 * @param createdAt            when it was created
 * @param updatedAt            when it last changed
 */
public record Site(long id, long workspaceId, String name, List<DomainPattern> domains, Set<Feature> features,
    double sampleRate, boolean countDoNotTrack, int ingestLimitPerMinute, boolean enabled, Instant createdAt,
    Instant updatedAt) {

    public Site {
        domains = List.copyOf(domains);
        features = Set.copyOf(features);
    }

    public boolean records(Feature feature) {
        return features.contains(feature);
    }
}
