package dev.gatehouse.seo;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a newer report of a page does to the page's known issues: which fingerprints are new,
 * which known ones change status and which it fixed.
 *
 * @param created  fingerprints never seen on the page before
 * @param seen     known fingerprints the report has again, with their status after it
 * @param resolved known fingerprints the report no longer has that it resolves
 */
public record Reconciliation(Set<String> created, Map<String, IssueStatus> seen, Set<String> resolved) {

    /** Copies the collections. */
    public Reconciliation {
        created = Set.copyOf(created);
        seen = Map.copyOf(seen);
        resolved = Set.copyOf(resolved);
    }

    /**
     * Compares a newer report of a page with what is known of the page.
     *
     * @param known    every known fingerprint of the page with its status
     * @param incoming the fingerprints of the newer report
     * @return what changes
     */
    public static Reconciliation of(Map<String, IssueStatus> known, Collection<String> incoming) {
        Set<String> created = new LinkedHashSet<>();
        Map<String, IssueStatus> seen = new LinkedHashMap<>();
        Set<String> incomingSet = new LinkedHashSet<>(incoming);
        for (String fingerprint : incomingSet) {
            IssueStatus status = known.get(fingerprint);
            if (status == null) {
                created.add(fingerprint);
            } else {
                seen.put(fingerprint, status.seenAgain());
            }
        }
        Set<String> resolved = new LinkedHashSet<>();
        known.forEach((fingerprint, status) -> {
            if (!incomingSet.contains(fingerprint) && status.missingFromNewerReport() != status) {
                resolved.add(fingerprint);
            }
        });
        return new Reconciliation(created, seen, resolved);
    }

    /**
     * Returns the fingerprints that became open with this report: new ones and reopened ones.
     *
     * @param known the statuses before the report
     * @return the newly open fingerprints
     */
    public List<String> opened(Map<String, IssueStatus> known) {
        List<String> out = new java.util.ArrayList<>(created);
        seen.forEach((fingerprint, status) -> {
            if (status == IssueStatus.REOPENED && known.get(fingerprint) == IssueStatus.RESOLVED) {
                out.add(fingerprint);
            }
        });
        return out;
    }
}
