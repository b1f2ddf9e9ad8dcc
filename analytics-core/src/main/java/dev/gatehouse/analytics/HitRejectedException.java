package dev.gatehouse.analytics;

/**
 * A hit that cannot belong to any site this Gatehouse tracks for its sender: its page is on no
 * enabled site ({@link Reason#UNKNOWN_SITE}) or it was sent from a page of another site
 * ({@link Reason#FOREIGN_ORIGIN}).
 */
public final class HitRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Reason { UNKNOWN_SITE, FOREIGN_ORIGIN }

    private final Reason reason;

    public HitRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
