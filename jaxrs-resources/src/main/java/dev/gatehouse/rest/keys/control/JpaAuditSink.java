package dev.gatehouse.rest.keys.control;

import dev.gatehouse.keys.AuditEvent;
import dev.gatehouse.keys.AuditSink;
import dev.gatehouse.rest.keys.entity.AuditEventEntity;
import dev.gatehouse.rest.platform.boundary.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.TreeMap;

/**
 * Writes audit events to {@code audit_events} in the caller's transaction, so an audited change
 * and its audit record commit or roll back together.
 */
@ApplicationScoped
@Transactional
public class JpaAuditSink implements AuditSink {

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    public JpaAuditSink() {
    }

    public JpaAuditSink(EntityManager em) {
        this.em = em;
    }

    @Override
    public void record(AuditEvent event) {
        AuditEventEntity e = new AuditEventEntity();
        e.type = event.type();
        e.workspaceId = event.workspaceId();
        e.actorKeyId = event.actorKeyId();
        e.subjectKeyId = event.subjectKeyId();
        e.userId = event.userId();
        e.requestId = event.requestId();
        e.occurredAt = event.at();
        String details = Json.object(new TreeMap<>(event.details())).toString();
        e.details = details.length() > 4000 ? details.substring(0, 4000) : details;
        em.persist(e);
    }
}
