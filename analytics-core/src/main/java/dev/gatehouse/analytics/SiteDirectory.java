package dev.gatehouse.analytics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the site a host belongs to, among a snapshot of every site. An exact domain wins over a
 * wildcard; among wildcards the longest suffix wins; among equals the oldest site (lowest id).
 * Immutable: build a new one when sites change.
 */
public final class SiteDirectory {

    private final Map<String, Site> exact = new HashMap<>();
    private final Map<String, Site> wildcards = new HashMap<>();
    private final List<Site> sites;

    public SiteDirectory(List<Site> sites) {
        this.sites = List.copyOf(sites);
        List<Site> byId = new ArrayList<>(sites);
        byId.sort((a, b) -> Long.compare(a.id(), b.id()));
        for (Site site : byId) {
            for (DomainPattern d : site.domains()) {
                (d.wildcard() ? wildcards : exact).putIfAbsent(d.host(), site);
            }
        }
    }

    public static SiteDirectory empty() {
        return new SiteDirectory(List.of());
    }

    /** The site whose domains cover the normalised {@code host}. */
    public Optional<Site> find(String host) {
        if (host == null) {
            return Optional.empty();
        }
        Site site = exact.get(host);
        if (site != null) {
            return Optional.of(site);
        }
        for (int dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
            site = wildcards.get(host.substring(dot + 1));
            if (site != null) {
                return Optional.of(site);
            }
        }
        return Optional.empty();
    }

    /** The site a raw host name (any case, with port or {@code www.}) belongs to. */
    public Optional<Site> resolve(String rawHost) {
        return Hostnames.normalize(rawHost).flatMap(this::find);
    }

    public List<Site> sites() {
        return sites;
    }
}
