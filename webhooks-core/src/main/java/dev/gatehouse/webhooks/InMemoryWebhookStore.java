package dev.gatehouse.webhooks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A {@link WebhookStore} in memory, for tests and single-process use. Thread-safe: every method
 * holds the store's lock, which also makes {@link #claimDue} atomic.
 */
public class InMemoryWebhookStore implements WebhookStore {

    private final Map<Long, Endpoint> endpoints = new TreeMap<>();
    private final Set<EventKey> events = new HashSet<>();
    private final Map<Long, Delivery> deliveries = new TreeMap<>();
    private final Map<Long, List<Attempt>> attempts = new HashMap<>();
    private long nextEndpointId = 1;
    private long nextDeliveryId = 1;
    private long nextAttemptId = 1;

    /** Creates an empty store. */
    public InMemoryWebhookStore() {
    }

    @Override
    public synchronized Endpoint insertEndpoint(Endpoint withoutId) {
        Endpoint stored = Objects.requireNonNull(withoutId, "endpoint").withId(nextEndpointId++);
        endpoints.put(stored.id(), stored);
        return stored;
    }

    @Override
    public synchronized Optional<Endpoint> findEndpoint(long id) {
        return Optional.ofNullable(endpoints.get(id));
    }

    @Override
    public synchronized Map<Long, Endpoint> findEndpoints(Set<Long> ids) {
        Map<Long, Endpoint> found = new HashMap<>();
        for (Long id : ids) {
            Endpoint endpoint = endpoints.get(id);
            if (endpoint != null) {
                found.put(id, endpoint);
            }
        }
        return found;
    }

    @Override
    public synchronized Endpoint updateEndpoint(Endpoint endpoint) {
        if (!endpoints.containsKey(endpoint.id())) {
            throw new EndpointNotFoundException(endpoint.id());
        }
        endpoints.put(endpoint.id(), endpoint);
        return endpoint;
    }

    @Override
    public synchronized boolean deleteEndpoint(long id) {
        if (endpoints.remove(id) == null) {
            return false;
        }
        Iterator<Delivery> iterator = deliveries.values().iterator();
        while (iterator.hasNext()) {
            Delivery delivery = iterator.next();
            if (delivery.endpointId() == id) {
                attempts.remove(delivery.id());
                iterator.remove();
            }
        }
        return true;
    }

    @Override
    public synchronized List<Endpoint> activeEndpointsFor(long workspaceId) {
        return endpoints.values().stream()
                .filter(e -> e.workspaceId() == workspaceId && e.active())
                .toList();
    }

    @Override
    public synchronized boolean insertEventIfAbsent(Event event) {
        return events.add(new EventKey(event.workspaceId(), event.id()));
    }

    @Override
    public synchronized List<Delivery> insertDeliveries(List<Delivery> withoutIds) {
        List<Delivery> stored = new ArrayList<>(withoutIds.size());
        for (Delivery delivery : withoutIds) {
            Delivery withId = delivery.withId(nextDeliveryId++);
            deliveries.put(withId.id(), withId);
            stored.add(withId);
        }
        return List.copyOf(stored);
    }

    @Override
    public synchronized List<Delivery> claimDue(Instant now, int max, Instant leaseUntil) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, got " + max);
        }
        List<Delivery> due = deliveries.values().stream()
                .filter(d -> d.status() == DeliveryStatus.PENDING || d.status() == DeliveryStatus.RETRYING)
                .filter(d -> d.nextAttemptAt() != null && !d.nextAttemptAt().isAfter(now))
                .filter(d -> d.leaseUntil() == null || !d.leaseUntil().isAfter(now))
                .sorted(Comparator.comparing(Delivery::nextAttemptAt).thenComparingLong(Delivery::id))
                .limit(max)
                .toList();
        List<Delivery> claimed = new ArrayList<>(due.size());
        for (Delivery delivery : due) {
            Delivery leased = delivery.withLease(leaseUntil);
            deliveries.put(leased.id(), leased);
            claimed.add(leased);
        }
        return List.copyOf(claimed);
    }

    @Override
    public synchronized Optional<Delivery> findDelivery(long id) {
        return Optional.ofNullable(deliveries.get(id));
    }

    @Override
    public synchronized Delivery updateDelivery(Delivery delivery) {
        if (!deliveries.containsKey(delivery.id())) {
            throw new DeliveryNotFoundException(delivery.id());
        }
        deliveries.put(delivery.id(), delivery);
        return delivery;
    }

    @Override
    public synchronized RecordedOutcomes recordOutcomes(List<DeliveryOutcome> outcomes, List<EndpointTally> tallies) {
        List<DeliveryOutcome> recorded = new ArrayList<>(outcomes.size());
        for (DeliveryOutcome outcome : outcomes) {
            if (deliveries.containsKey(outcome.delivery().id())) {
                deliveries.put(outcome.delivery().id(), outcome.delivery());
                Attempt attempt = outcome.attempt() == null ? null : insertAttempt(outcome.attempt());
                recorded.add(new DeliveryOutcome(outcome.delivery(), attempt));
            }
        }
        List<Long> disabled = new ArrayList<>();
        List<EndpointTally> ordered = new ArrayList<>(tallies);
        ordered.sort(Comparator.comparingLong(EndpointTally::endpointId));
        for (EndpointTally tally : ordered) {
            Endpoint current = endpoints.get(tally.endpointId());
            if (current != null) {
                Endpoint updated = tally.applyTo(current);
                endpoints.put(updated.id(), updated);
                if (current.active() && !updated.active()) {
                    disabled.add(updated.id());
                }
            }
        }
        return new RecordedOutcomes(recorded, disabled);
    }

    private Attempt insertAttempt(Attempt withoutId) {
        Attempt stored = withoutId.withId(nextAttemptId++);
        attempts.computeIfAbsent(stored.deliveryId(), id -> new ArrayList<>()).add(stored);
        return stored;
    }

    @Override
    public synchronized List<Attempt> attemptsOf(long deliveryId) {
        return attempts.getOrDefault(deliveryId, List.of()).stream()
                .sorted(Comparator.comparingInt(Attempt::number).thenComparingLong(Attempt::id))
                .toList();
    }

    @Override
    public synchronized int purgeDeliveriesBefore(Instant cutoff) {
        int removed = 0;
        Iterator<Delivery> iterator = deliveries.values().iterator();
        while (iterator.hasNext()) {
            Delivery delivery = iterator.next();
            if (delivery.status().isFinal() && delivery.createdAt().isBefore(cutoff)) {
                attempts.remove(delivery.id());
                iterator.remove();
                removed++;
            }
        }
        return removed;
    }

    @Override
    public synchronized List<Endpoint> endpointsFailingSince(Instant cutoff) {
        return endpoints.values().stream()
                .filter(e -> e.active() && e.failingSince() != null && !e.failingSince().isAfter(cutoff))
                .toList();
    }

    private record EventKey(long workspaceId, String eventId) {
    }
}
