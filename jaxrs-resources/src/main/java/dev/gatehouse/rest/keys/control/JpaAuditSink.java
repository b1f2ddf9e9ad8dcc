package dev.gatehouse.rest.keys.control;

import dev.gatehouse.keys.AuditEvent;
import dev.gatehouse.keys.AuditSink;
import dev.gatehouse.rest.keys.entity.AuditEventEntity;
import dev.gatehouse.rest.mcp.control.RestDispatcher;
import dev.gatehouse.rest.platform.boundary.Caller;
import dev.gatehouse.rest.platform.boundary.CurrentRequest;
import dev.gatehouse.rest.platform.boundary.ApiException;
import dev.gatehouse.rest.platform.boundary.Json;
import dev.gatehouse.rest.platform.boundary.ListQuery;
import dev.gatehouse.rest.platform.boundary.ListSpec;
import dev.gatehouse.rest.platform.control.SqlParameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes audit events to {@code audit_events} in the caller's transaction, so an audited change
 * and its audit record commit or roll back together. An event caused by a call that came over MCP
 * (the servlet request attribute {@link RestDispatcher#VIA_ATTRIBUTE}, which no client can set)
 * says so in its details: {@code "via": "mcp"}. It also lists them ({@link #list}).
 */
@ApplicationScoped
@Transactional
public class JpaAuditSink implements AuditSink {

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    CurrentRequest current;

    @Inject
    Instance<HttpServletRequest> servletRequest;

    public JpaAuditSink() {
    }

    public JpaAuditSink(EntityManager em) {
        this.em = em;
    }

    /**
     * What the audit event list sorts and filters by; {@code created_at} is when the event occurred.
     *
     * @param fields the fields {@code fields=} may select
     */
    public static ListSpec listSpec(Set<String> fields) {
        return ListSpec.builder()
                .sort("id", "id").sort("created_at", "occurredAt").sort("type", "type")
                .filter("type", value -> {
                    if (!value.matches("[a-z_.]{1,64}")) {
                        throw ApiException.validation("type", "must be an audit event type such as api_key.created");
                    }
                    return (cb, e) -> cb.equal(e.get("type"), value);
                })
                .filter("key_id", value -> {
                    long keyId = positive(value, "key_id");
                    return (cb, e) -> cb.or(cb.equal(e.get("actorKeyId"), keyId), cb.equal(e.get("subjectKeyId"), keyId));
                })
                .fields(fields)
                .noUpdatedAt()
                .build();
    }

    /**
     * One page of audit events.
     *
     * @param query a query parsed with {@link #listSpec}
     * @param workspaceId the workspace whose events are listed, or null for every event (root only)
     */
    public ListQuery.Page<AuditEventEntity> list(ListQuery query, Long workspaceId) {
        return query.fetch(em, AuditEventEntity.class,
                workspaceId == null ? null : (cb, e) -> cb.equal(e.get("workspaceId"), workspaceId));
    }

    private static long positive(String value, String field) {
        try {
            long n = Long.parseLong(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.validation(field, "must be a positive integer");
    }

    /** How the current request's caller signed in, or null (a key, no request, or outside a container). */
    private Caller.SignIn signIn() {
        if (current == null) {
            return null;
        }
        try {
            Caller caller = current.caller();
            return caller == null ? null : caller.signIn();
        } catch (ContextNotActiveException noRequest) {
            return null; // delivery workers and start-up record events outside any request
        }
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
        e.details = details(event);
        em.persist(e);
    }

    /** The row {@link #record} persists, as plain JDBC; the columns of {@link AuditEventEntity}. */
    static final String INSERT_SQL = "INSERT INTO audit_events (type, workspace_id, actor_key_id, subject_key_id, user_id,"
            + " request_id, occurred_at, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    /**
     * Writes the same row as {@link #record} on a connection whose local transaction the caller runs
     * (no JTA transaction, no persistence context): one {@code INSERT}, without reading back the
     * generated id. For a hot path that commits its own few statements ({@code GatewayRecords}).
     *
     * <p>{@code SUPPORTS}, not the class's {@code REQUIRED}: a JTA transaction begun here would enlist the
     * caller's open connection and end its local transaction.
     *
     * @param connection the connection, in the caller's transaction
     * @param event the event
     * @throws SQLException when the insert fails
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void insert(Connection connection, AuditEvent event) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(INSERT_SQL)) {
            ps.setString(1, event.type());
            SqlParameters.setLong(ps, 2, event.workspaceId());
            SqlParameters.setLong(ps, 3, event.actorKeyId());
            SqlParameters.setLong(ps, 4, event.subjectKeyId());
            SqlParameters.setLong(ps, 5, event.userId());
            ps.setString(6, event.requestId());
            SqlParameters.setInstant(ps, 7, event.at());
            ps.setString(8, details(event));
            ps.executeUpdate();
        }
    }

    /** The details column: the event's details, who signed in and over which channel, cut to 4,000 characters. */
    private String details(AuditEvent event) {
        Map<String, String> facts = new TreeMap<>(event.details());
        Caller.SignIn signIn = signIn();
        if (signIn != null) {
            // The actor is a person signed in through a portal session or a JWT, not the key alone.
            facts.put("actor_via", signIn.kind());
            if (signIn.sessionId() != null) {
                facts.put("actor_session_id", Long.toString(signIn.sessionId()));
            }
            if (signIn.endUser() != null) {
                facts.put("actor_end_user", signIn.endUser());
            }
        }
        String via = via();
        if (via != null) {
            facts.put("via", via);
        }
        String details = Json.object(facts).toString();
        return details.length() > 4000 ? details.substring(0, 4000) : details;
    }

    /** The channel of the request being served ({@code "mcp"}), or null outside a request or for plain REST. */
    private String via() {
        if (servletRequest == null || !servletRequest.isResolvable()) {
            return null;
        }
        try {
            return servletRequest.get().getAttribute(RestDispatcher.VIA_ATTRIBUTE) instanceof String s ? s : null;
        } catch (ContextNotActiveException | IllegalStateException e) {
            // a worker thread or a request context without a servlet request: not a call over MCP
            return null;
        }
    }
}
