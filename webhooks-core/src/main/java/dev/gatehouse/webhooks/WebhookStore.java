package dev.gatehouse.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Storage for endpoints, events, deliveries and attempts. Each method is one atomic unit; an
 * implementation may join a surrounding transaction or open its own. Every implementation must
 * pass the shared {@code WebhookStoreContract} test suite shipped in this module's test-jar.
 *
 * <p>Ids are assigned by the store and are positive. Methods that look up by id do not check the
 * workspace; the {@link Webhooks} facade does.
 */
public interface WebhookStore {

    /**
     * Inserts an endpoint, assigning a new id (the given one is ignored).
     *
     * @param withoutId the endpoint, id 0
     * @return the stored endpoint with its id
     */
    Endpoint insertEndpoint(Endpoint withoutId);

    /**
     * Finds an endpoint by id.
     *
     * @param id the endpoint id
     * @return the endpoint, or empty
     */
    Optional<Endpoint> findEndpoint(long id);

    /**
     * Finds endpoints by id, for a worker about to send to them.
     *
     * @param ids the endpoint ids
     * @return the endpoints found, keyed by id; unknown ids are left out
     */
    Map<Long, Endpoint> findEndpoints(Set<Long> ids);

    /**
     * Replaces every field of an existing endpoint.
     *
     * @param endpoint the new state, with the id of a stored endpoint
     * @return the stored state
     * @throws EndpointNotFoundException when no endpoint has that id
     */
    Endpoint updateEndpoint(Endpoint endpoint);

    /**
     * Deletes an endpoint together with its deliveries and their attempts.
     *
     * @param id the endpoint id
     * @return {@code true} when an endpoint was deleted
     */
    boolean deleteEndpoint(long id);

    /**
     * Lists the active endpoints of a workspace, by ascending id.
     *
     * @param workspaceId the workspace
     * @return the active endpoints
     */
    List<Endpoint> activeEndpointsFor(long workspaceId);

    /**
     * Records an event unless that workspace already has an event with that id.
     *
     * @param event the event
     * @return {@code true} when inserted, {@code false} for a duplicate
     */
    boolean insertEventIfAbsent(Event event);

    /**
     * Records events in the given order, each unless its workspace already has an event with its id
     * — one stored before, or one earlier in {@code events}: as {@link #insertEventIfAbsent} called
     * for each in turn. The default does exactly that; a database store sends them in one round trip.
     *
     * @param events the events, in publishing order
     * @return for each event, {@code true} when inserted and {@code false} for a duplicate
     */
    default boolean[] insertEventsIfAbsent(List<Event> events) {
        boolean[] inserted = new boolean[events.size()];
        for (int i = 0; i < inserted.length; i++) {
            inserted[i] = insertEventIfAbsent(events.get(i));
        }
        return inserted;
    }

    /**
     * Inserts deliveries, assigning new ids.
     *
     * @param withoutIds the deliveries, ids 0
     * @return the stored deliveries with their ids, in the given order
     */
    List<Delivery> insertDeliveries(List<Delivery> withoutIds);

    /**
     * Atomically claims due deliveries: those with status {@link DeliveryStatus#PENDING} or
     * {@link DeliveryStatus#RETRYING}, {@code nextAttemptAt <= now} and no lease or a lease
     * ending at or before {@code now}. Sets their {@code leaseUntil} and returns them, earliest
     * {@code nextAttemptAt} first (then by id). Two concurrent claims never return the same
     * delivery; a database implementation uses {@code FOR UPDATE SKIP LOCKED}.
     *
     * @param now        the current instant
     * @param max        the most deliveries to claim, at least 1
     * @param leaseUntil the lease end to set
     * @return the claimed deliveries, with {@code leaseUntil} set
     */
    List<Delivery> claimDue(Instant now, int max, Instant leaseUntil);

    /**
     * Finds a delivery by id.
     *
     * @param id the delivery id
     * @return the delivery, or empty
     */
    Optional<Delivery> findDelivery(long id);

    /**
     * Replaces every field of an existing delivery.
     *
     * @param delivery the new state, with the id of a stored delivery
     * @return the stored state
     * @throws DeliveryNotFoundException when no delivery has that id
     */
    Delivery updateDelivery(Delivery delivery);

    /**
     * Records what a worker's sends did, as one atomic unit: for each outcome in order, replaces
     * the delivery's state and inserts its attempt (both skipped when the delivery was deleted
     * meanwhile); then applies each tally to its endpoint as {@link EndpointTally#applyTo} says,
     * in ascending endpoint id order (so concurrent workers lock endpoints in the same order), as
     * increments of what is stored rather than a write of values read earlier. Tallies of deleted
     * endpoints are skipped.
     *
     * @param outcomes the deliveries' new states and attempts, one outcome per delivery
     * @param tallies  at most one per endpoint
     * @return the outcomes recorded, with attempt ids, and the endpoints this call deactivated
     */
    RecordedOutcomes recordOutcomes(List<DeliveryOutcome> outcomes, List<EndpointTally> tallies);

    /**
     * Lists a delivery's attempts by ascending number.
     *
     * @param deliveryId the delivery id
     * @return the attempts; empty for an unknown delivery
     */
    List<Attempt> attemptsOf(long deliveryId);

    /**
     * Deletes deliveries in a final state ({@link DeliveryStatus#SUCCESS} or
     * {@link DeliveryStatus#FAILED}) created before {@code cutoff}, with their attempts.
     *
     * @param cutoff deliveries created strictly before this instant are removed
     * @return how many deliveries were removed
     */
    int purgeDeliveriesBefore(Instant cutoff);

    /**
     * Lists active endpoints whose {@code failingSince} is set and at or before {@code cutoff}.
     *
     * @param cutoff the latest failure start to include
     * @return the endpoints, by ascending id
     */
    List<Endpoint> endpointsFailingSince(Instant cutoff);
}
