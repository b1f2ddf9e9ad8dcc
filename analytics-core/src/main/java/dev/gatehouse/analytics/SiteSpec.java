package dev.gatehouse.analytics;

import dev.gatehouse.errors.FieldErrors;
import dev.gatehouse.errors.ValidationException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A site's settings as a caller gives them, checked by {@link #validate()}: a name of 1 to 200
 * characters, 1 to 50 domains ({@link DomainPattern}), features from {@link Feature}, a sample rate
 * from 0 to 1 and an ingest ceiling from 1 to 1,000,000 hits a minute.
 *
 * @param name                 a name for people
 * @param domains              the domains as typed
 * @param features             feature wire names
 * @param sampleRate           0 to 1
 * @param countDoNotTrack      whether DNT / GPC visitors are counted
 * @param ingestLimitPerMinute hits a minute the site accepts
 * @param enabled              whether hits are accepted
 */
public record SiteSpec(String name, List<String> domains, List<String> features, double sampleRate,
    boolean countDoNotTrack, int ingestLimitPerMinute, boolean enabled) {

    public static final int MAX_DOMAINS = 50;
    public static final int MAX_INGEST_PER_MINUTE = 1_000_000;
    /** The defaults of a new site: every feature, every page load, DNT respected, 6,000 hits a minute. */
    public static final List<String> DEFAULT_FEATURES = List.of("pageviews", "events", "sessions");
    public static final int DEFAULT_INGEST_PER_MINUTE = 6_000;

    /** The validated domains and features; throws {@link ValidationException} naming every problem. */
    public Validated validate() {
        FieldErrors errors = new FieldErrors();
        if (name == null || name.isBlank() || name.length() > 200) {
            errors.add("name", "must be 1 to 200 characters.");
        }
        List<DomainPattern> patterns = new ArrayList<>();
        if (domains == null || domains.isEmpty() || domains.size() > MAX_DOMAINS) {
            errors.add("domains", "must list 1 to " + MAX_DOMAINS + " domains, e.g. [\"example.com\", \"*.example.com\"].");
        } else {
            Set<DomainPattern> seen = new LinkedHashSet<>();
            for (String d : domains) {
                try {
                    seen.add(DomainPattern.parse(d));
                } catch (IllegalArgumentException e) {
                    errors.add("domains", e.getMessage() + ".");
                }
            }
            patterns.addAll(seen);
        }
        Set<Feature> set = EnumSet.noneOf(Feature.class);
        if (features == null) {
            errors.add("features", "must be a list of pageviews, events, sessions.");
        } else {
            for (String f : features) {
                try {
                    set.add(Feature.fromWireName(f));
                } catch (IllegalArgumentException e) {
                    errors.add("features", "'" + f + "' is not a feature; use pageviews, events, sessions.");
                }
            }
        }
        if (!(sampleRate >= 0 && sampleRate <= 1)) {
            errors.add("sample_rate", "must be a number from 0 to 1.");
        }
        if (ingestLimitPerMinute < 1 || ingestLimitPerMinute > MAX_INGEST_PER_MINUTE) {
            errors.add("ingest_limit_per_minute", "must be an integer from 1 to " + MAX_INGEST_PER_MINUTE + ".");
        }
        errors.throwIfAny();
        return new Validated(name.trim(), List.copyOf(patterns), Set.copyOf(set));
    }

    /** The parsed parts of a valid spec. */
    public record Validated(String name, List<DomainPattern> domains, Set<Feature> features) {
    }
}
