package dev.gatehouse.rest.webhooks.control;

import dev.gatehouse.rest.platform.boundary.ApiException;
import dev.gatehouse.rest.platform.boundary.ListQuery;
import dev.gatehouse.rest.platform.boundary.ListSpec;
import dev.gatehouse.rest.webhooks.entity.DeliveryEntity;
import dev.gatehouse.rest.webhooks.entity.EndpointEntity;
import dev.gatehouse.webhooks.DeliveryStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Set;

/**
 * The webhook lists of the REST API: a workspace's endpoints and an endpoint's deliveries, paged,
 * filtered and sorted with Criteria queries. Beside {@link JpaWebhookStore}, which is the core's
 * storage SPI and has no lists; rows are listed as entities, so endpoint secrets are never
 * decrypted for a list.
 */
@ApplicationScoped
@Transactional
public class WebhookLists {

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    /**
     * What the endpoint list sorts, searches and filters by.
     *
     * @param fields the fields {@code fields=} may select
     */
    public static ListSpec endpointSpec(Set<String> fields) {
        return ListSpec.builder()
                .sort("id", "id").sort("url", "url").sort("created_at", "createdAt").sort("updated_at", "updatedAt")
                .sort("last_delivery_at", "lastDeliveryAt")
                .search("url", "description")
                .filter("status", value -> {
                    boolean active = switch (value) {
                        case "active" -> true;
                        case "disabled" -> false;
                        default -> throw ApiException.validation("status", "must be active or disabled");
                    };
                    return (cb, e) -> cb.equal(e.get("active"), active);
                })
                .fields(fields)
                .build();
    }

    /**
     * What the delivery list sorts, searches and filters by.
     *
     * @param fields the fields {@code fields=} may select
     */
    public static ListSpec deliverySpec(Set<String> fields) {
        return ListSpec.builder()
                .sort("id", "id").sort("created_at", "createdAt").sort("updated_at", "updatedAt")
                .sort("next_retry_at", "nextAttemptAt")
                .search("eventId", "eventType")
                .filter("status", value -> {
                    String status;
                    try {
                        status = DeliveryStatus.fromWireName(value).wireName();
                    } catch (IllegalArgumentException unknown) {
                        throw ApiException.validation("status", "must be pending, success, retrying or failed");
                    }
                    return (cb, e) -> cb.equal(e.get("status"), status);
                })
                .filter("event_type", value -> (cb, e) -> cb.equal(e.get("eventType"), value))
                .fields(fields)
                .build();
    }

    /** One page of a workspace's endpoints, for a query parsed with {@link #endpointSpec}. */
    public ListQuery.Page<EndpointEntity> endpoints(ListQuery query, long workspaceId) {
        return query.fetch(em, EndpointEntity.class, (cb, e) -> cb.equal(e.get("workspaceId"), workspaceId));
    }

    /** One page of an endpoint's deliveries, for a query parsed with {@link #deliverySpec}. */
    public ListQuery.Page<DeliveryEntity> deliveries(ListQuery query, long workspaceId, long endpointId) {
        return query.fetch(em, DeliveryEntity.class,
                (cb, e) -> cb.and(cb.equal(e.get("workspaceId"), workspaceId), cb.equal(e.get("endpointId"), endpointId)));
    }
}
