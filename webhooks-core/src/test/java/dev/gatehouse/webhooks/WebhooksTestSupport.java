package dev.gatehouse.webhooks;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/** Shared wiring for facade tests: in-memory store, fake sender, fake DNS, hand-moved clock, no jitter. */
abstract class WebhooksTestSupport {

    static final Instant T0 = Instant.parse("2026-01-15T10:30:00Z");
    static final long WORKSPACE = 1;
    static final long OTHER_WORKSPACE = 2;
    static final String URL = "https://hooks.example.com/webhooks";

    MutableClock clock;
    InMemoryWebhookStore store;
    FakeSender sender;
    List<String> disabled;
    Webhooks webhooks;

    @BeforeEach
    void wire() {
        clock = new MutableClock(startInstant());
        store = new InMemoryWebhookStore();
        sender = new FakeSender();
        disabled = new ArrayList<>();
        webhooks = builder().build();
    }

    Instant startInstant() {
        return T0;
    }

    Webhooks.Builder builder() {
        return bareBuilder().sender(sender).retrySchedule(RetrySchedule.standard());
    }

    /** Without a sender and a retry schedule, for tests that set their own (a builder takes each setting once). */
    Webhooks.Builder bareBuilder() {
        return Webhooks.builder()
                .store(store)
                .clock(clock)
                .random(new SecureRandom())
                .urlPolicy(UrlPolicy.builder().resolver(UrlPolicyTest.FAKE_DNS).build())
                .listener((endpoint, reason) -> disabled.add(endpoint.id() + ": " + reason));
    }

    CreatedEndpoint createEndpoint(String... events) {
        return webhooks.createEndpoint(WORKSPACE, URL, List.of(events), null, null);
    }

    Endpoint endpoint(long id) {
        return store.findEndpoint(id).orElseThrow();
    }

    Delivery delivery(long id) {
        return store.findDelivery(id).orElseThrow();
    }

    /** The only delivery of an endpoint, found by claiming nothing: looks at every id up to a bound. */
    List<Delivery> deliveriesOf(long endpointId) {
        List<Delivery> found = new ArrayList<>();
        for (long id = 1; id <= 200; id++) {
            store.findDelivery(id).filter(d -> d.endpointId() == endpointId).ifPresent(found::add);
        }
        return found;
    }

    Delivery onlyDeliveryOf(long endpointId) {
        List<Delivery> found = deliveriesOf(endpointId);
        if (found.size() != 1) {
            throw new AssertionError("expected one delivery, found " + found);
        }
        return found.get(0);
    }

    static Map<String, List<String>> multimap(Map<String, String> headers) {
        Map<String, List<String>> result = new java.util.HashMap<>();
        headers.forEach((name, value) -> result.put(name, List.of(value)));
        return result;
    }

    void advance(Duration duration) {
        clock.advance(duration);
    }
}
