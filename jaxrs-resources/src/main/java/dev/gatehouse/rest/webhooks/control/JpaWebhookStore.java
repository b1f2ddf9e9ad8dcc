package dev.gatehouse.rest.webhooks.control;

import dev.gatehouse.rest.platform.control.SqlParameters;
import dev.gatehouse.rest.webhooks.entity.AttemptEntity;
import dev.gatehouse.rest.webhooks.entity.DeliveryEntity;
import dev.gatehouse.rest.webhooks.entity.EndpointEntity;
import dev.gatehouse.webhooks.Attempt;
import dev.gatehouse.webhooks.Delivery;
import dev.gatehouse.webhooks.DeliveryOutcome;
import dev.gatehouse.webhooks.DeliveryNotFoundException;
import dev.gatehouse.webhooks.DeliveryStatus;
import dev.gatehouse.webhooks.Endpoint;
import dev.gatehouse.webhooks.EndpointNotFoundException;
import dev.gatehouse.webhooks.EndpointTally;
import dev.gatehouse.webhooks.Event;
import dev.gatehouse.webhooks.RecordedOutcomes;
import dev.gatehouse.webhooks.SecretCipher;
import dev.gatehouse.webhooks.WebhookSecret;
import dev.gatehouse.webhooks.WebhookStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.Session;

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


    static final String RECORD_DELIVERY_SQL = "UPDATE webhook_deliveries SET status = ?, attempt = ?,"
            + " response_code = ?, next_attempt_at = ?, delivered_at = ?, lease_until = ?, manual_retries = ?,"
            + " updated_at = ? WHERE id = ?";

    static final String INSERT_DELIVERY_SQL = "INSERT INTO webhook_deliveries (endpoint_id, workspace_id, event_id,"
            + " event_type, payload, status, attempt, response_code, next_attempt_at, delivered_at, lease_until,"
            + " manual_retries, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    static final String INSERT_ATTEMPT_SQL = "INSERT INTO webhook_attempts (delivery_id, attempt_number, started_at,"
            + " response_code, response_body, error, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?)";

    private static final int MAX_ERROR_LENGTH = 1000;

    private static final int MAX_DECRYPTED = 10_000;

    private final Map<String, WebhookSecret> decrypted = new ConcurrentHashMap<>();

    /** Whether the database is PostgreSQL; found on first use. */
    private volatile Boolean postgres;

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

    /**
     * One primary-key read per endpoint, plain JDBC on the transaction's connection (see
     * {@link PublishRows}): a claim names few endpoints; an {@code in} query with a list of varying
     * length was compiled anew by Hibernate each time (a quarter of a delivery's CPU when it was one),
     * and {@code find} left managed entities to dirty-check at commit (a tenth of it).
     */
    @Override
    public Map<Long, Endpoint> findEndpoints(Set<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        em.flush();
        return em.unwrap(Session.class).doReturningWork(connection -> PublishRows.endpoints(connection, ids, this::secret));
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

    /** Plain JDBC (see {@link PublishRows}): every publish reads them, and only reads them. */
    @Override
    public List<Endpoint> activeEndpointsFor(long workspaceId) {
        em.flush();
        return em.unwrap(Session.class).doReturningWork(
                connection -> PublishRows.activeEndpoints(connection, workspaceId, this::secret));
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
     * id waits for the first to commit and then inserts nothing. Plain JDBC, see {@link PublishRows}.
     */
    @Override
    public boolean insertEventIfAbsent(Event event) {
        em.flush();
        return em.unwrap(Session.class).doReturningWork(connection -> PublishRows.insertEventIfAbsent(connection, event));
    }

    /** One JDBC batch of the same inserts: a group commit's events in one round trip. See {@link PublishRows}. */
    @Override
    public boolean[] insertEventsIfAbsent(List<Event> events) {
        if (events.isEmpty()) {
            return new boolean[0];
        }
        em.flush();
        return em.unwrap(Session.class).doReturningWork(connection -> PublishRows.insertEventsIfAbsent(connection, events));
    }

    // ---------------------------------------------------------------- deliveries

    /** One JDBC batch on the transaction's connection: a fan-out to many endpoints is one round trip. */
    @Override
    public List<Delivery> insertDeliveries(List<Delivery> withoutIds) {
        if (withoutIds.isEmpty()) {
            return List.of();
        }
        em.flush();
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_DELIVERY_SQL, new String[] {"id"})) {
                for (Delivery d : withoutIds) {
                    insert.setLong(1, d.endpointId());
                    insert.setLong(2, d.workspaceId());
                    insert.setString(3, d.eventId());
                    insert.setString(4, d.eventType());
                    insert.setString(5, d.payload());
                    int next = DeliveryRows.bindState(insert, 6, d);
                    SqlParameters.setInstant(insert, next, d.createdAt());
                    SqlParameters.setInstant(insert, next + 1, d.updatedAt());
                    insert.addBatch();
                }
                insert.executeBatch();
                List<Delivery> stored = new ArrayList<>(withoutIds.size());
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    for (Delivery d : withoutIds) {
                        if (!keys.next()) {
                            throw new SQLException("the database returned fewer delivery ids than deliveries inserted");
                        }
                        stored.add(d.withId(keys.getLong(1)));
                    }
                }
                return stored;
            }
        });
    }

    @Override
    public List<Delivery> claimDue(Instant now, int max, Instant leaseUntil) {
        // A claim lost in a database crash only frees the deliveries early: see recordOutcomes.
        return em.unwrap(Session.class).doReturningWork(connection -> {
            relaxCommit(connection);
            return (postgres ? DeliveryClaims.POSTGRES : DeliveryClaims.H2).claim(connection, now, max, leaseUntil);
        });
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

    /**
     * Plain JDBC batches on the transaction's connection: one round trip for the deliveries, one
     * for the attempts, one for the endpoint tallies (in ascending id order, so two workers lock
     * endpoint rows in the same order). On PostgreSQL the transaction commits without waiting for
     * its WAL flush ({@code synchronous_commit = off}): losing the last few milliseconds of these
     * records in a database crash only makes a delivery be sent again when its lease ends, which
     * at-least-once delivery allows and receivers de-duplicate on {@code webhook-id}.
     */
    @Override
    public RecordedOutcomes recordOutcomes(List<DeliveryOutcome> outcomes, List<EndpointTally> tallies) {
        em.flush();
        return em.unwrap(Session.class).doReturningWork(connection -> {
            relaxCommit(connection);
            List<DeliveryOutcome> recorded = recordDeliveries(connection, outcomes);
            return new RecordedOutcomes(recorded, EndpointTallies.apply(connection, tallies));
        });
    }

    private List<DeliveryOutcome> recordDeliveries(Connection connection, List<DeliveryOutcome> outcomes)
            throws SQLException {
        if (outcomes.isEmpty()) {
            return List.of();
        }
        int[] updated;
        try (PreparedStatement update = connection.prepareStatement(RECORD_DELIVERY_SQL)) {
            for (DeliveryOutcome outcome : outcomes) {
                Delivery d = outcome.delivery();
                int next = DeliveryRows.bindState(update, 1, d);
                SqlParameters.setInstant(update, next, d.updatedAt());
                update.setLong(next + 1, d.id());
                update.addBatch();
            }
            updated = update.executeBatch();
        }
        List<DeliveryOutcome> recorded = new ArrayList<>(outcomes.size());
        List<Integer> withAttempt = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            if (updated[i] != 0) { // SUCCESS_NO_INFO (-2) counts as written
                recorded.add(outcomes.get(i));
                if (outcomes.get(i).attempt() != null) {
                    withAttempt.add(recorded.size() - 1);
                }
            }
        }
        if (withAttempt.isEmpty()) {
            return recorded;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_ATTEMPT_SQL, new String[] {"id"})) {
            for (int i : withAttempt) {
                Attempt a = recorded.get(i).attempt();
                insert.setLong(1, a.deliveryId());
                insert.setInt(2, a.number());
                SqlParameters.setInstant(insert, 3, a.startedAt());
                SqlParameters.setInteger(insert, 4, a.responseCode());
                insert.setString(5, a.responseBody());
                insert.setString(6, truncatedError(a.error()));
                insert.setLong(7, a.durationMillis());
                insert.addBatch();
            }
            insert.executeBatch();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                for (int i : withAttempt) {
                    if (!keys.next()) {
                        throw new SQLException("the database returned fewer attempt ids than attempts inserted");
                    }
                    DeliveryOutcome outcome = recorded.get(i);
                    recorded.set(i, new DeliveryOutcome(outcome.delivery(), outcome.attempt().withId(keys.getLong(1))));
                }
            }
        }
        return recorded;
    }

    /** PostgreSQL only: the transaction's commit does not wait for the WAL flush (see recordOutcomes). */
    private void relaxCommit(Connection connection) throws SQLException {
        if (postgres == null) {
            postgres = connection.getMetaData().getDatabaseProductName().startsWith("PostgreSQL");
        }
        if (postgres) {
            try (Statement set = connection.createStatement()) {
                set.execute("SET LOCAL synchronous_commit TO OFF");
            }
        }
    }

    private static String truncatedError(String error) {
        return error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
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
        List<String> types = PublishRows.eventTypes(e.eventTypes);
        return new Endpoint(e.id, e.workspaceId, e.url, types, e.active, secret(e.secret),
                e.previousSecret == null ? null : secret(e.previousSecret),
                e.previousSecretExpiresAt, e.successCount, e.failureCount, e.consecutiveFailures, e.lastDeliveryAt,
                e.failingSince, e.disabledReason, e.description, e.createdAt, e.updatedAt);
    }

    /**
     * Decrypts a stored secret, remembering the answer: every publish reads the workspace's
     * endpoints and every claim the endpoints it sends to, and an AES-GCM decryption per endpoint
     * per call was a fifth of a publish's CPU. Ciphertexts are unique (random IV per encryption),
     * so a rotated secret is a new entry; the map is emptied when it outgrows its bound.
     */
    private WebhookSecret secret(String ciphertext) {
        WebhookSecret known = decrypted.get(ciphertext);
        if (known != null) {
            return known;
        }
        WebhookSecret secret = WebhookSecret.parse(cipher.decrypt(ciphertext));
        if (decrypted.size() >= MAX_DECRYPTED) {
            decrypted.clear();
        }
        decrypted.put(ciphertext, secret);
        return secret;
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
