package dev.gatehouse.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.errors.ValidationException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WebhooksPublishTest extends WebhooksTestSupport {

    @Test
    void publish_matchingActiveEndpoints_queuesOneDeliveryEach() {
        long wildcard = createEndpoint("post.*").endpoint().id();
        long exact = createEndpoint("post.created").endpoint().id();
        long otherType = createEndpoint("user.*").endpoint().id();
        long inactive = createEndpoint("*").endpoint().id();
        webhooks.updateEndpoint(WORKSPACE, inactive, new EndpointPatch(null, null, java.util.Optional.of(false), null));
        long otherWorkspace = webhooks.createEndpoint(OTHER_WORKSPACE, URL, List.of("*"), null, null).endpoint().id();

        PublishResult result = webhooks.publish(WORKSPACE, "post.created", "{\"id\":1}", null);

        assertThat(result.duplicate()).isFalse();
        assertThat(result.deliveries()).isEqualTo(2);
        assertThat(deliveriesOf(wildcard)).hasSize(1);
        assertThat(deliveriesOf(exact)).hasSize(1);
        assertThat(deliveriesOf(otherType)).isEmpty();
        assertThat(deliveriesOf(inactive)).isEmpty();
        assertThat(deliveriesOf(otherWorkspace)).isEmpty();
    }

    @Test
    void publish_newEvent_queuesPendingDeliveryDueNowWithTheExactEnvelope() {
        Endpoint endpoint = createEndpoint("*").endpoint();

        webhooks.publish(WORKSPACE, "post.created", "{\"id\": 1, \"title\": \"ü\"}", "evt_42");

        Delivery delivery = onlyDeliveryOf(endpoint.id());
        assertThat(delivery.payload()).isEqualTo(
                "{\"type\":\"post.created\",\"timestamp\":\"2026-01-15T10:30:00Z\",\"data\":{\"id\": 1, \"title\": \"ü\"}}");
        assertThat(delivery.eventId()).isEqualTo("evt_42");
        assertThat(delivery.eventType()).isEqualTo("post.created");
        assertThat(delivery.workspaceId()).isEqualTo(WORKSPACE);
        assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(delivery.attempt()).isZero();
        assertThat(delivery.nextAttemptAt()).isEqualTo(T0);
        assertThat(delivery.createdAt()).isEqualTo(T0);
        assertThat(delivery.leaseUntil()).isNull();
    }

    @Test
    void publish_clockWithNanos_stampsMilliseconds() {
        clock.set(T0.plusNanos(123_456_789));
        Endpoint endpoint = createEndpoint("*").endpoint();

        webhooks.publish(WORKSPACE, "post.created", "{}", null);

        assertThat(onlyDeliveryOf(endpoint.id()).payload()).contains("\"timestamp\":\"2026-01-15T10:30:00.123Z\"");
    }

    @Test
    void publish_sameEventIdTwice_isDuplicateAndQueuesNothingNew() {
        Endpoint endpoint = createEndpoint("*").endpoint();
        webhooks.publish(WORKSPACE, "post.created", "{}", "evt_same");

        PublishResult again = webhooks.publish(WORKSPACE, "post.updated", "{\"other\":true}", "evt_same");

        assertThat(again).isEqualTo(new PublishResult("evt_same", true, 0));
        assertThat(deliveriesOf(endpoint.id())).hasSize(1);
    }

    @Test
    void publish_sameEventIdInAnotherWorkspace_isNotDuplicate() {
        webhooks.publish(WORKSPACE, "post.created", "{}", "evt_same");

        PublishResult other = webhooks.publish(OTHER_WORKSPACE, "post.created", "{}", "evt_same");

        assertThat(other.duplicate()).isFalse();
    }

    @Test
    void publish_noSubscriber_recordsTheEventSoARepeatIsDuplicate() {
        PublishResult first = webhooks.publish(WORKSPACE, "post.created", "{}", "evt_lonely");

        assertThat(first).isEqualTo(new PublishResult("evt_lonely", false, 0));
        assertThat(webhooks.publish(WORKSPACE, "post.created", "{}", "evt_lonely").duplicate()).isTrue();
    }

    @Test
    void publish_withoutId_generatesDistinctEvtIds() {
        String first = webhooks.publish(WORKSPACE, "post.created", "{}", null).eventId();
        String second = webhooks.publish(WORKSPACE, "post.created", "{}", null).eventId();

        assertThat(first).matches("evt_[0-9A-Za-z]{24}");
        assertThat(second).matches("evt_[0-9A-Za-z]{24}").isNotEqualTo(first);
    }

    static Stream<Arguments> invalidPublications() {
        return Stream.of(
                Arguments.of("type uppercase", "Post.Created", "{}", null, "type"),
                Arguments.of("type wildcard", "post.*", "{}", null, "type"),
                Arguments.of("type missing", null, "{}", null, "type"),
                Arguments.of("data missing", "post.created", null, null, "data"),
                Arguments.of("data blank", "post.created", "  ", null, "data"),
                Arguments.of("id with space", "post.created", "{}", "evt 1", "id"),
                Arguments.of("id empty", "post.created", "{}", "", "id"),
                Arguments.of("id too long", "post.created", "{}", "e".repeat(65), "id"),
                Arguments.of("id with slash", "post.created", "{}", "evt/1", "id"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPublications")
    void publish_invalidInput_throwsValidationAndRecordsNothing(String name, String type, String data, String id,
            String field) {
        createEndpoint("*");

        assertThatThrownBy(() -> webhooks.publish(WORKSPACE, type, data, id))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsOnlyKeys(field));
        assertThat(store.claimDue(Instant.MAX, 100, Instant.MAX)).isEmpty();
    }

    @Test
    void publish_longestAllowedId_isAccepted() {
        String id = "A-z_0".repeat(12) + "abcd";

        assertThat(webhooks.publish(WORKSPACE, "post.created", "{}", id).eventId()).isEqualTo(id);
    }

    @Test
    void publishAll_repeatedIdAndTwoWorkspaces_answersAsOneByOneWouldInOrder() {
        long mine = createEndpoint("post.*").endpoint().id();
        long theirs = webhooks.createEndpoint(OTHER_WORKSPACE, URL, List.of("*"), null, null).endpoint().id();
        webhooks.publish(WORKSPACE, "post.created", "{}", "evt_before");

        List<PublishResult> results = webhooks.publishAll(List.of(
                new PublishRequest(WORKSPACE, "post.created", "{\"n\":1}", "evt_1"),
                new PublishRequest(WORKSPACE, "post.created", "{\"n\":2}", "evt_1"),
                new PublishRequest(WORKSPACE, "post.created", "{}", "evt_before"),
                new PublishRequest(OTHER_WORKSPACE, "user.created", "{}", "evt_1"),
                new PublishRequest(WORKSPACE, "user.created", "{}", null)));

        assertThat(results).extracting(PublishResult::duplicate).containsExactly(false, true, true, false, false);
        assertThat(results).extracting(PublishResult::deliveries).containsExactly(1, 0, 0, 1, 0);
        assertThat(results.get(4).eventId()).startsWith("evt_");
        assertThat(deliveriesOf(mine)).extracting(Delivery::eventId).containsExactly("evt_before", "evt_1");
        assertThat(onlyDeliveryOf(theirs).eventType()).isEqualTo("user.created");
        assertThat(deliveriesOf(mine)).filteredOn(d -> d.eventId().equals("evt_1")).singleElement()
                .satisfies(d -> assertThat(d.payload()).contains("\"data\":{\"n\":1}"));
    }

    @Test
    void publishAll_oneInvalid_throwsValidationAndRecordsNothing() {
        createEndpoint("*");

        assertThatThrownBy(() -> webhooks.publishAll(List.of(
                new PublishRequest(WORKSPACE, "post.created", "{}", "evt_ok"),
                new PublishRequest(WORKSPACE, "Bad", "{}", null))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsOnlyKeys("type"));
        assertThat(store.claimDue(Instant.MAX, 100, Instant.MAX)).isEmpty();
        assertThat(webhooks.publish(WORKSPACE, "post.created", "{}", "evt_ok").duplicate()).isFalse();
    }
}
