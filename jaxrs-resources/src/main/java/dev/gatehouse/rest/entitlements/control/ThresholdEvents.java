package dev.gatehouse.rest.entitlements.control;

import dev.gatehouse.entitlements.EntitlementListener;
import dev.gatehouse.entitlements.ThresholdCrossed;
import dev.gatehouse.rest.platform.boundary.Json;
import dev.gatehouse.rest.platform.control.DomainEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Publishes usage reaching 80 % ({@code entitlement.threshold_reached}) or 100 %
 * ({@code entitlement.limit_reached}) of a limit as a {@link DomainEvent}. The facade calls it
 * synchronously inside the recording's transaction, so the webhook outbox row commits or rolls
 * back with the usage.
 */
@ApplicationScoped
public class ThresholdEvents implements EntitlementListener {

    @Inject
    Event<DomainEvent> events;

    @Override
    public void thresholdReached(ThresholdCrossed e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("workspace_id", e.workspaceId());
        data.put("feature", e.feature());
        data.put("threshold", e.percent());
        data.put("used", e.used());
        data.put("limit", e.limit());
        if (e.resetAt() != null) {
            data.put("period_start", Json.timestamp(e.periodStart()));
            data.put("reset_at", Json.timestamp(e.resetAt()));
        }
        events.fire(new DomainEvent(e.workspaceId(), e.eventType(), data));
    }
}
