package dev.gatehouse.entitlements;

/**
 * The commit of a {@link GroupCommit} batch failed after its work was done, so whether the
 * recording was stored is unknown (as when a single transaction's commit answer is lost). The
 * caller may retry; with an event id the retry counts at most once whatever happened.
 */
public final class UsageCommitException extends EntitlementException {

    /**
     * Creates the exception.
     *
     * @param cause why the commit failed
     */
    public UsageCommitException(Throwable cause) {
        super("The usage batch could not be committed; the recording may or may not have been stored.", cause);
    }
}
