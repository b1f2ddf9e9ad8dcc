package dev.gatehouse.analytics;

import dev.gatehouse.errors.FieldErrors;
import dev.gatehouse.errors.ValidationException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules one tracked hit passes, in order: its fields are well-formed (sizes, flat properties,
 * no {@code data:} or {@code javascript:} URLs — else {@link ValidationException}); its page is on
 * an enabled site and it was sent from that site's pages (else {@link HitRejectedException}); then
 * it is dropped — answered, not recorded — for Do-Not-Track when the site respects it, for a bot's
 * user agent ({@link BotFilter}) or for a feature the site does not record; finally the site's
 * ceiling ({@link SiteLimitExceededException}) and the visitor's daily-salted id
 * ({@link DailySalts}). The client's address is used for that id only.
 */
public final class Pixel {

    /** Longest URL or referrer accepted. */
    public static final int MAX_URL = 2000;
    /** Most custom properties on one hit. */
    public static final int MAX_PROPERTIES = 30;
    static final int MAX_NAME = 120;
    static final int MAX_PROPERTY_KEY = 300;
    static final int MAX_PROPERTY_VALUE = 2000;
    static final int MAX_UTM = 200;

    private final Clock clock;
    private final DailySalts salts;
    private final BotFilter bots;
    private final IngestCeiling ceiling;

    private Pixel(Builder b) {
        this.clock = b.clock;
        this.salts = b.salts;
        this.bots = b.bots;
        this.ceiling = new IngestCeiling(b.clock);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Checks a hit against the sites and decides what becomes of it. */
    public Outcome track(Hit hit, SiteDirectory sites) {
        FieldErrors errors = new FieldErrors();
        String name = hit.event() == null ? null : hit.event().trim();
        if (name == null || name.isEmpty() || name.length() > MAX_NAME) {
            errors.add("event", "must be 1 to " + MAX_NAME + " characters, e.g. pageview.");
        }
        URI page = checkUrl("url", hit.url(), true, errors).orElse(null);
        URI referrer = checkUrl("referrer", hit.referrer(), false, errors).orElse(null);
        if (hit.domain() != null && hit.domain().length() > 253) {
            errors.add("domain", "must be a host name of at most 253 characters.");
        }
        Map<String, Object> properties = checkProperties(hit.properties(), errors);
        errors.throwIfAny();

        String host = Hostnames.ofUrl(page.toString()).orElse(null);
        Site site = sites.find(host).filter(Site::enabled).orElseThrow(() -> new HitRejectedException(
            HitRejectedException.Reason.UNKNOWN_SITE, "The page's host '" + host + "' belongs to no enabled site."));
        if (hit.domain() != null && !hit.domain().isBlank()
            && !sites.resolve(hit.domain()).map(s -> s.id() == site.id()).orElse(false)) {
            throw new HitRejectedException(HitRejectedException.Reason.FOREIGN_ORIGIN,
                "The domain the tracker names is not the page's site.");
        }
        if (hit.origin() != null && !hit.origin().isBlank() && !"null".equals(hit.origin())
            && !Hostnames.ofUrl(hit.origin()).flatMap(sites::find).map(s -> s.id() == site.id()).orElse(false)) {
            throw new HitRejectedException(HitRejectedException.Reason.FOREIGN_ORIGIN,
                "Hits for this site are accepted only from its own pages.");
        }
        if (hit.doNotTrack() && !site.countDoNotTrack()) {
            return new Outcome.Dropped("do_not_track", null);
        }
        Optional<String> bot = bots.match(hit.userAgent());
        if (bot.isPresent()) {
            return new Outcome.Dropped("bot", bot.get());
        }
        EventKind kind = EventKind.of(name);
        Feature needed = switch (kind) {
            case PAGEVIEW -> Feature.PAGEVIEWS;
            case CUSTOM -> Feature.EVENTS;
            case ENGAGEMENT -> Feature.SESSIONS;
        };
        if (!site.records(needed)) {
            return new Outcome.Dropped("feature_disabled", needed.wireName());
        }
        long retryAfter = ceiling.tryAcquire(site.id(), site.ingestLimitPerMinute());
        if (retryAfter > 0) {
            throw new SiteLimitExceededException(site.ingestLimitPerMinute(), retryAfter);
        }
        VisitorId visitor = salts.visitor(site.id(), hit.clientAddress(), hit.userAgent());
        String path = page.getPath() == null || page.getPath().isEmpty() ? "/" : page.getPath();
        boolean interactive = kind == EventKind.CUSTOM && !Boolean.FALSE.equals(hit.interactive());
        return new Outcome.Accepted(new TrackedEvent(site.id(), clock.instant(), visitor, kind, name, host, path,
            attribution(page, referrer, site, hit.userAgent()), properties.isEmpty() ? null : FlatJson.write(properties),
            interactive, site.records(Feature.SESSIONS)));
    }

    private static Attribution attribution(URI page, URI referrer, Site site, String userAgent) {
        Map<String, String> query = query(page.getRawQuery());
        String source = firstOf(query, "utm_source", "ref", "source");
        if (source == null && referrer != null) {
            String refHost = Hostnames.ofUrl(referrer.toString()).orElse(null);
            if (refHost != null && site.domains().stream().noneMatch(d -> d.matches(refHost))) {
                source = refHost;
            }
        }
        return new Attribution(cut(source), cut(query.get("utm_source")), cut(query.get("utm_medium")),
            cut(query.get("utm_campaign")), cut(query.get("utm_term")), cut(query.get("utm_content")),
            DeviceClass.of(userAgent));
    }

    private static Optional<URI> checkUrl(String field, String value, boolean required, FieldErrors errors) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(field, "is required: the page's absolute http(s) URL.");
            }
            return Optional.empty();
        }
        if (value.length() > MAX_URL) {
            errors.add(field, "must be at most " + MAX_URL + " characters.");
            return Optional.empty();
        }
        String scheme = value.trim().toLowerCase(Locale.ROOT);
        if (scheme.startsWith("data:") || scheme.startsWith("javascript:") || scheme.startsWith("vbscript:")) {
            errors.add(field, "data:, javascript: and vbscript: URLs are not accepted.");
            return Optional.empty();
        }
        Optional<URI> uri = Hostnames.parseHttpUrl(value);
        if (uri.isEmpty() || Hostnames.ofUrl(value).isEmpty()) {
            if (required) {
                errors.add(field, "must be an absolute http(s) URL.");
            }
            return Optional.empty(); // a referrer from an app (android-app://…) is simply no source
        }
        return uri;
    }

    private static Map<String, Object> checkProperties(Map<String, Object> properties, FieldErrors errors) {
        if (properties == null || properties.isEmpty()) {
            return Map.of();
        }
        if (properties.size() > MAX_PROPERTIES) {
            errors.add("properties", "may hold at most " + MAX_PROPERTIES + " entries.");
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (var e : properties.entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            if (key == null || key.isEmpty() || key.length() > MAX_PROPERTY_KEY) {
                errors.add("properties", "keys must be 1 to " + MAX_PROPERTY_KEY + " characters.");
            } else if (v instanceof String s) {
                if (s.length() > MAX_PROPERTY_VALUE) {
                    errors.add("properties." + key, "must be at most " + MAX_PROPERTY_VALUE + " characters.");
                } else {
                    out.put(key, s);
                }
            } else if (v instanceof Number || v instanceof Boolean) {
                out.put(key, v);
            } else {
                errors.add("properties." + key, "must be a string, number or boolean: properties are a flat map.");
            }
        }
        return out;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            try {
                String key = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
                String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).trim();
                if (!value.isEmpty()) {
                    out.putIfAbsent(key, value);
                }
            } catch (IllegalArgumentException badEscape) {
                // a malformed parameter is ignored, like a browser would show it
            }
        }
        return out;
    }

    private static String firstOf(Map<String, String> query, String... keys) {
        for (String k : keys) {
            if (query.containsKey(k)) {
                return query.get(k).toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static String cut(String s) {
        return s == null ? null : s.length() > MAX_UTM ? s.substring(0, MAX_UTM) : s;
    }

    /** Builds a {@link Pixel}; clock, salts and bot filter are required. */
    public static final class Builder {
        private Clock clock;
        private DailySalts salts;
        private BotFilter bots;

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder salts(DailySalts salts) {
            this.salts = Objects.requireNonNull(salts, "salts");
            return this;
        }

        public Builder bots(BotFilter bots) {
            this.bots = Objects.requireNonNull(bots, "bots");
            return this;
        }

        public Pixel build() {
            Objects.requireNonNull(clock, "clock is required");
            Objects.requireNonNull(salts, "salts are required");
            Objects.requireNonNull(bots, "a bot filter is required");
            return new Pixel(this);
        }
    }
}
