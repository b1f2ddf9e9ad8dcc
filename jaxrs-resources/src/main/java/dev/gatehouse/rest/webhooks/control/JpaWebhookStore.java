package dev.gatehouse.rest.webhooks.control;

import dev.gatehouse.rest.webhooks.entity.AttemptEntity;
import dev.gatehouse.rest.webhooks.entity.DeliveryEntity;
import dev.gatehouse.rest.webhooks.entity.EndpointEntity;
import dev.gatehouse.webhooks.Attempt;
import dev.gatehouse.webhooks.Delivery;
import dev.gatehouse.webhooks.DeliveryNotFoundException;
import dev.gatehouse.webhooks.DeliveryStatus;
import dev.gatehouse.webhooks.Endpoint;
import dev.gatehouse.webhooks.EndpointNotFoundException;
import dev.gatehouse.webhooks.Event;
import dev.gatehouse.webhooks.SecretCipher;
import dev.gatehouse.webhooks.WebhookSecret;
import dev.gatehouse.webhooks.WebhookStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link WebhookStore} on JPA. Each method joins the caller's transaction (publishing inside a
 * resource's transaction: the outbox) or runs in its own (the delivery workers, which send outside
 * any transaction). Not-found exceptions do not mark a joined transaction for rollback: the facade
 * expects to catch them when an endpoint was deleted during a send.
 *
 * <p>Signing secrets are encrypted with {@link SecretCipher} on the way in and decrypted on the way
 * out; the database never holds one in clear.
 */
@ApplicationScoped
@Transactional(dontRollbackOn = {EndpointNotFoundException.class, DeliveryNotFoundException.class})
public class JpaWebhookStore implements WebhookStore {

    /**
     * Due deliveries, locked and skipped when another worker holds them. Native SQL because
     * Hibernate's H2 dialect silently drops {@code SKIP LOCKED} from a JPQL lock (STACK-NOTES),
     * and one statement that runs unchanged on H2 2.x and PostgreSQL is easier to trust.
     */
    static final String CLAIM_SQL = "SELECT id FROM webhook_deliveries"
            + " WHERE status IN ('pending', 'retrying') AND next_attempt_at <= ?1"
            + " AND (lease_until IS NULL OR lease_until <= ?1)"
            + " ORDER BY next_attempt_at, id LIMIT ?2 FOR UPDATE SKIP LOCKED";

    private static final int MAX_ERROR_LENGTH = 1000;

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    SecretCipher cipher;

    public JpaWebhookStore() {
    }

    /** For use outside a container (tests, embedding): the caller manages transactions. */
    public JpaWebhookStore(EntityManager em, SecretCipher cipher) {
        this.em = em;
        this.cipher = cipher;
    }

    // ---------------------------------------------------------------- endpoints

    @Override
    public Endpoint insertEndpoint(Endpoint withoutId) {
        EndpointEntity e = new EndpointEntity();
        copy(withoutId, e);
        em.persist(e);
        em.flush();
        return withoutId.withId(e.id);
    }

    @Override
    public Optional<Endpoint> findEndpoint(long id) {
        return Optional.ofNullable(em.find(EndpointEntity.class, id)).map(this::toRecord);
    }

    @Override
    public Endpoint updateEndpoint(Endpoint endpoint) {
        EndpointEntity e = em.find(EndpointEntity.class, endpoint.id());
        if (e == null) {
            throw new EndpointNotFoundException(endpoint.id());
        }
        copy(endpoint, e);
        em.flush();
        return endpoint;
    }

    @Override
    public boolean deleteEndpoint(long id) {
        // Deliveries and their attempts go with it through ON DELETE CASCADE.
        return em.createQuery("delete from EndpointEntity e where e.id = :id").setParameter("id", id).executeUpdate() > 0;
    }

    @Override
    public List<Endpoint> activeEndpointsFor(long workspaceId) {
        return em.createQuery("select e from EndpointEntity e where e.workspaceId = :ws and e.active = true order by e.id",
                        EndpointEntity.class)
                .setParameter("ws", workspaceId)
                .getResultStream().map(this::toRecord).toList();
    }

    @Override
    public List<Endpoint> endpointsFailingSince(Instant cutoff) {
        return em.createQuery("select e from EndpointEntity e where e.active = true and e.failingSince is not null"
                        + " and e.failingSince <= :cutoff order by e.id", EndpointEntity.class)
                .setParameter("cutoff", cutoff)
                .getResultStream().map(this::toRecord).toList();
    }

    // ---------------------------------------------------------------- events

    /**
     * Inserts with {@code ON CONFLICT DO NOTHING} (PostgreSQL, and H2 in PostgreSQL mode), so a
     * duplicate neither fails the caller's transaction nor races: a concurrent insert of the same
     * id waits for the first to commit and then inserts nothing.
     */
    @Override
    public boolean insertEventIfAbsent(Event event) {
        int inserted = em.createNativeQuery("INSERT INTO webhook_events (workspace_id, event_id, type, data, occurred_at)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING")
                .setParameter(1, event.workspaceId())
                .setParameter(2, event.id())
                .setParameter(3, event.type())
                .setParameter(4, event.dataJson())
                .setParameter(5, event.occurredAt())
                .executeUpdate();
        return inserted > 0;
    }

    // ---------------------------------------------------------------- deliveries

    @Override
    public List<Delivery> insertDeliveries(List<Delivery> withoutIds) {
        List<DeliveryEntity> entities = new ArrayList<>(withoutIds.size());
        for (Delivery d : withoutIds) {
            DeliveryEntity e = new DeliveryEntity();
            copy(d, e);
            em.persist(e);
            entities.add(e);
        }
        em.flush();
        List<Delivery> stored = new ArrayList<>(withoutIds.size());
        for (int i = 0; i < withoutIds.size(); i++) {
            stored.add(withoutIds.get(i).withId(entities.get(i).id));
        }
        return stored;
    }

    @Override
    public List<Delivery> claimDue(Instant now, int max, Instant leaseUntil) {
        @SuppressWarnings("unchecked")
        List<Number> rows = em.createNativeQuery(CLAIM_SQL)
                .setParameter(1, now)
                .setParameter(2, max)
                .getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> ids = rows.stream().map(Number::longValue).toList();
        em.createQuery("update DeliveryEntity d set d.leaseUntil = :lease where d.id in :ids")
                .setParameter("lease", leaseUntil).setParameter("ids", ids).executeUpdate();
        Map<Long, Integer> order = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            order.put(ids.get(i), i);
        }
        List<DeliveryEntity> claimed = new ArrayList<>(em.createQuery("select d from DeliveryEntity d where d.id in :ids",
                DeliveryEntity.class).setParameter("ids", ids).getResultList());
        claimed.sort(Comparator.comparingInt(d -> order.get(d.id)));
        // The bulk update bypassed the persistence context; the loaded rows may predate it.
        return claimed.stream().map(d -> toRecord(d).withLease(leaseUntil)).toList();
    }

    @Override
    public Optional<Delivery> findDelivery(long id) {
        return Optional.ofNullable(em.find(DeliveryEntity.class, id)).map(JpaWebhookStore::toRecord);
    }

    @Override
    public Delivery updateDelivery(Delivery delivery) {
        DeliveryEntity e = em.find(DeliveryEntity.class, delivery.id());
        if (e == null) {
            throw new DeliveryNotFoundException(delivery.id());
        }
        copy(delivery, e);
        em.flush();
        return delivery;
    }

    @Override
    public Attempt insertAttempt(Attempt withoutId) {
        AttemptEntity e = new AttemptEntity();
        e.deliveryId = withoutId.deliveryId();
        e.number = withoutId.number();
        e.startedAt = withoutId.startedAt();
        e.responseCode = withoutId.responseCode();
        e.responseBody = withoutId.responseBody();
        e.error = withoutId.error() == null || withoutId.error().length() <= MAX_ERROR_LENGTH
                ? withoutId.error() : withoutId.error().substring(0, MAX_ERROR_LENGTH);
        e.durationMillis = withoutId.durationMillis();
        em.persist(e);
        em.flush();
        return withoutId.withId(e.id);
    }

    @Override
    public List<Attempt> attemptsOf(long deliveryId) {
        return em.createQuery("select a from AttemptEntity a where a.deliveryId = :d order by a.number, a.id",
                        AttemptEntity.class)
                .setParameter("d", deliveryId)
                .getResultStream().map(JpaWebhookStore::toRecord).toList();
    }

    /**
     * Also forgets events older than the cutoff: an event id is de-duplicated for as long as its
     * deliveries are kept, not forever.
     */
    @Override
    public int purgeDeliveriesBefore(Instant cutoff) {
        int removed = em.createQuery("delete from DeliveryEntity d where d.status in ('success', 'failed')"
                        + " and d.createdAt < :cutoff")
                .setParameter("cutoff", cutoff).executeUpdate();
        em.createQuery("delete from EventEntity e where e.occurredAt < :cutoff").setParameter("cutoff", cutoff).executeUpdate();
        return removed;
    }

    // ---------------------------------------------------------------- mapping

    private void copy(Endpoint r, EndpointEntity e) {
        e.workspaceId = r.workspaceId();
        e.url = r.url();
        e.eventTypes = String.join(" ", r.eventTypes());
        e.active = r.active();
        e.secret = cipher.encrypt(r.secret().encoded());
        e.previousSecret = r.previousSecret() == null ? null : cipher.encrypt(r.previousSecret().encoded());
        e.previousSecretExpiresAt = r.previousSecretExpiresAt();
        e.successCount = r.successCount();
        e.failureCount = r.failureCount();
        e.consecutiveFailures = r.consecutiveFailures();
        e.lastDeliveryAt = r.lastDeliveryAt();
        e.failingSince = r.failingSince();
        e.disabledReason = r.disabledReason();
        e.description = r.description();
        e.createdAt = r.createdAt();
        e.updatedAt = r.updatedAt();
    }

    /** The endpoint with its secrets decrypted; only for signing and never for display. */
    public Endpoint toRecord(EndpointEntity e) {
        List<String> types = e.eventTypes.isEmpty() ? List.of() : Arrays.asList(e.eventTypes.split(" "));
        return new Endpoint(e.id, e.workspaceId, e.url, types, e.active, WebhookSecret.parse(cipher.decrypt(e.secret)),
                e.previousSecret == null ? null : WebhookSecret.parse(cipher.decrypt(e.previousSecret)),
                e.previousSecretExpiresAt, e.successCount, e.failureCount, e.consecutiveFailures, e.lastDeliveryAt,
                e.failingSince, e.disabledReason, e.description, e.createdAt, e.updatedAt);
    }

    private static void copy(Delivery r, DeliveryEntity e) {
        e.endpointId = r.endpointId();
        e.workspaceId = r.workspaceId();
        e.eventId = r.eventId();
        e.eventType = r.eventType();
        e.payload = r.payload();
        e.status = r.status().wireName();
        e.attempt = r.attempt();
        e.responseCode = r.responseCode();
        e.nextAttemptAt = r.nextAttemptAt();
        e.deliveredAt = r.deliveredAt();
        e.leaseUntil = r.leaseUntil();
        e.manualRetries = r.manualRetries();
        e.createdAt = r.createdAt();
        e.updatedAt = r.updatedAt();
    }

    public static Delivery toRecord(DeliveryEntity e) {
        return new Delivery(e.id, e.endpointId, e.workspaceId, e.eventId, e.eventType, e.payload,
                DeliveryStatus.fromWireName(e.status), e.attempt, e.responseCode, e.nextAttemptAt, e.deliveredAt,
                e.leaseUntil, e.manualRetries, e.createdAt, e.updatedAt);
    }

    public static Attempt toRecord(AttemptEntity e) {
        return new Attempt(e.id, e.deliveryId, e.number, e.startedAt, e.responseCode, e.responseBody, e.error,
                e.durationMillis);
    }
}
