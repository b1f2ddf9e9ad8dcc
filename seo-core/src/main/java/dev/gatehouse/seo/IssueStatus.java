package dev.gatehouse.seo;

import dev.gatehouse.errors.ValidationException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where an issue stands. A new issue is {@link #OPEN}; a newer report of its page without it
 * makes it {@link #RESOLVED}; seen again after that it is {@link #REOPENED}. {@link #IGNORED} is a
 * person's decision and only a person undoes it: reports then change nothing but when it was last
 * seen.
 */
public enum IssueStatus {
    OPEN, RESOLVED, REOPENED, IGNORED;

    /**
     * Returns the API name.
     *
     * @return for example {@code reopened}
     */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Finds a status by its API name.
     *
     * @param name for example {@code open}
     * @return the status, or empty for any other text
     */
    public static Optional<IssueStatus> fromApiName(String name) {
        for (IssueStatus s : values()) {
            if (s.apiName().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * The status after a newer report of the page found the issue again.
     *
     * @return {@code REOPENED} for a resolved issue, otherwise this status
     */
    public IssueStatus seenAgain() {
        return this == RESOLVED ? REOPENED : this;
    }

    /**
     * The status after a newer report of the page no longer has the issue.
     *
     * @return {@code RESOLVED} for an open or reopened issue, otherwise this status
     */
    public IssueStatus missingFromNewerReport() {
        return this == OPEN || this == REOPENED ? RESOLVED : this;
    }

    /**
     * Whether the issue is still to be fixed: open or reopened.
     *
     * @return true for {@code OPEN} and {@code REOPENED}
     */
    public boolean isActive() {
        return this == OPEN || this == REOPENED;
    }

    /**
     * The status a person may set through the API: {@code ignored}, or {@code open} to stop ignoring.
     *
     * @param requested the status asked for
     * @return the new status
     * @throws ValidationException when {@code requested} is not one a person may set, or
     *     {@code open} is asked for an issue that is not ignored
     */
    public IssueStatus setByPerson(IssueStatus requested) {
        if (requested == IGNORED) {
            return IGNORED;
        }
        if (requested == OPEN) {
            if (this != IGNORED && this != OPEN) {
                throw new ValidationException("status", "can be set to open only on an ignored issue; a newer report"
                    + " resolves or reopens the others.");
            }
            return OPEN;
        }
        throw new ValidationException("status", "must be ignored or open; resolved and reopened follow from reports.");
    }
}
