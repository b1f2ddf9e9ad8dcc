package dev.gatehouse.keys;

/**
 * Where audit events go: a table, a log, a queue. Implementations may join the caller's
 * transaction so that an event is kept exactly when the change it describes is.
 */
public interface AuditSink {

    /**
     * Records one event.
     *
     * @param event the event, free of secrets
     */
    void record(AuditEvent event);
}
