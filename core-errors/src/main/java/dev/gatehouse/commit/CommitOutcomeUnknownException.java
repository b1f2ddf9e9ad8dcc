package dev.gatehouse.commit;

/**
 * The commit of a {@link GroupCommitter} batch failed after its work was done, so whether the
 * caller's item was stored is unknown (as when a single transaction's commit answer is lost). A
 * retry that carries the same idempotency id (an event id) is applied at most once whatever
 * happened.
 */
public class CommitOutcomeUnknownException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param cause why the commit failed
     */
    public CommitOutcomeUnknownException(Throwable cause) {
        super("The batch could not be committed; the change may or may not have been stored.", cause);
    }
}
