package dev.gatehouse.analytics;

/** A site's ingest ceiling for this minute is used up. */
public final class SiteLimitExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int limit;
    private final long retryAfterSeconds;

    public SiteLimitExceededException(int limit, long retryAfterSeconds) {
        super("This site accepts " + limit + " hits a minute; retry in " + retryAfterSeconds + " s.");
        this.limit = limit;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int limit() {
        return limit;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
