package dev.gatehouse.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.errors.ValidationException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RecordsTest {

    private static final Instant T0 = Instant.parse("2026-01-15T10:30:00Z");
    private static final WebhookSecret CURRENT = WebhookSecret.generate(new SecureRandom());
    private static final WebhookSecret PREVIOUS = WebhookSecret.generate(new SecureRandom());

    @Test
    void endpointToString_withBothSecrets_showsNeither() {
        Endpoint endpoint = endpoint(PREVIOUS, T0.plusSeconds(60));

        assertThat(endpoint.toString())
                .doesNotContain(CURRENT.encoded().substring(6))
                .doesNotContain(PREVIOUS.encoded().substring(6))
                .contains("secret=<redacted>", "previousSecret=<redacted>", "url=https://hooks.example.com/");
    }

    static Stream<Arguments> signingSecrets() {
        return Stream.of(
                Arguments.of("no previous secret", null, null, T0, List.of(CURRENT)),
                Arguments.of("previous within overlap", PREVIOUS, T0.plusSeconds(60), T0, List.of(CURRENT, PREVIOUS)),
                Arguments.of("previous at its expiry", PREVIOUS, T0, T0, List.of(CURRENT)),
                Arguments.of("previous expired", PREVIOUS, T0.minusSeconds(1), T0, List.of(CURRENT)),
                Arguments.of("previous without expiry", PREVIOUS, null, T0, List.of(CURRENT)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signingSecrets")
    void signingSecretsAt_overlapState_returnsCurrentThenStillValidPrevious(String name, WebhookSecret previous,
            Instant expiresAt, Instant now, List<WebhookSecret> expected) {
        assertThat(endpoint(previous, expiresAt).signingSecretsAt(now)).isEqualTo(expected);
    }

    @Test
    void endpoint_eventTypesList_isCopied() {
        List<String> types = new ArrayList<>(List.of("post.*"));
        Endpoint endpoint = new Endpoint(0, 1, "https://hooks.example.com/", types, true, CURRENT, null, null, 0, 0, 0,
                null, null, null, null, T0, T0);

        types.add("user.*");

        assertThat(endpoint.eventTypes()).containsExactly("post.*");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"PENDING,pending", "SUCCESS,success", "RETRYING,retrying", "FAILED,failed"})
    void wireName_eachStatus_isLowercaseAndReadsBack(DeliveryStatus status, String wire) {
        assertThat(status.wireName()).isEqualTo(wire);
        assertThat(DeliveryStatus.fromWireName(wire)).isEqualTo(status);
    }

    @ParameterizedTest(name = "{0} final={1}")
    @CsvSource({"PENDING,false", "SUCCESS,true", "RETRYING,false", "FAILED,true"})
    void isFinal_eachStatus_isTrueOnlyForSuccessAndFailed(DeliveryStatus status, boolean expected) {
        assertThat(status.isFinal()).isEqualTo(expected);
    }

    @Test
    void fromWireName_unknown_isRejected() {
        assertThatThrownBy(() -> DeliveryStatus.fromWireName("PENDING")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(value = {"199,false", "200,true", "204,true", "299,true", "300,false", "410,false", "500,false",
        "NULL,false"}, nullValues = "NULL")
    void success_statusCode_isTrueOnlyFor2xx(Integer status, boolean expected) {
        assertThat(new SendResult(status, null, Map.of(), null, 0).success()).isEqualTo(expected);
    }

    @Test
    void firstHeader_anyCase_findsTheFirstValue() {
        SendResult result = new SendResult(503, "", Map.of("Retry-After", List.of("5", "6")), null, 0);

        assertThat(result.firstHeader("retry-after")).contains("5");
        assertThat(result.firstHeader("x-missing")).isEmpty();
    }

    @Test
    void sendRequest_nonPositiveTimeout_isRejected() {
        assertThatThrownBy(() -> new SendRequest("https://x/", Map.of(), "{}", java.time.Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void endpointPatch_nullComponents_areEmpty() {
        EndpointPatch patch = new EndpointPatch(null, null, null, null);

        assertThat(patch).isEqualTo(EndpointPatch.none());
        assertThat(patch.url()).isEmpty();
    }

    @Test
    void validationException_severalFields_listsThemInTheMessageAndExposesAnImmutableMap() {
        Map<String, List<String>> errors = new java.util.LinkedHashMap<>();
        errors.put("url", new ArrayList<>(List.of("must use https")));
        errors.put("events", List.of("must not be empty"));

        ValidationException exception = new ValidationException(errors);
        errors.get("url").add("later change");

        assertThat(exception.getMessage()).isEqualTo("Validation failed: url must use https; events must not be empty");
        assertThat(exception.errors()).containsEntry("url", List.of("must use https"));
        assertThatThrownBy(() -> exception.errors().put("x", List.of())).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void validationException_noErrors_isRejected() {
        assertThatThrownBy(() -> new ValidationException(Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<Arguments> truncations() {
        return Stream.of(
                Arguments.of("short text stays", "hello", "hello"),
                Arguments.of("4096 ascii bytes stay", "a".repeat(4096), "a".repeat(4096)),
                Arguments.of("4097 ascii bytes lose one", "a".repeat(4097), "a".repeat(4096)),
                Arguments.of("two-byte char cut in half is dropped", "a" + "é".repeat(3000), "a" + "é".repeat(2047)),
                Arguments.of("three-byte chars fit exactly", "€".repeat(2000), "€".repeat(1365)),
                Arguments.of("four-byte char cut is dropped", "😀".repeat(1100), "😀".repeat(1024)),
                Arguments.of("null stays null", null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("truncations")
    void truncate_text_keepsAtMost4KiBWithoutSplittingACharacter(String name, String text, String expected) {
        String truncated = BodyLimit.truncate(text);

        assertThat(truncated).isEqualTo(expected);
        if (truncated != null) {
            assertThat(truncated.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
        }
    }

    private static Endpoint endpoint(WebhookSecret previous, Instant previousExpiresAt) {
        return new Endpoint(1, 1, "https://hooks.example.com/", List.of("*"), true, CURRENT, previous,
                previousExpiresAt, 0, 0, 0, null, null, null, null, T0, T0);
    }

    @Test
    void endpointTally_applyTo_successInBatch_setsTheStreakToTheTrailingFailures() {
        Endpoint stored = new Endpoint(3, 1, "https://a.example.com/", List.of("*"), true, CURRENT, null, null, 10, 4, 4,
                T0.minusSeconds(900), T0.minusSeconds(600), null, null, T0.minusSeconds(9_000), T0.minusSeconds(9_000));

        Endpoint after = new EndpointTally(3, 2, 3, 1, T0.plusSeconds(2), T0.plusSeconds(1), null, T0.plusSeconds(3))
                .applyTo(stored);

        assertThat(after.successCount()).isEqualTo(12);
        assertThat(after.failureCount()).isEqualTo(7);
        assertThat(after.consecutiveFailures()).isEqualTo(1);
        assertThat(after.failingSince()).isEqualTo(T0.plusSeconds(2));
        assertThat(after.lastDeliveryAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(after.active()).isTrue();
        assertThat(after.updatedAt()).isEqualTo(stored.updatedAt());
    }

    @Test
    void endpointTally_applyTo_failuresOnlyWithReason_growsTheStreakAndDeactivates() {
        Endpoint stored = new Endpoint(3, 1, "https://a.example.com/", List.of("*"), true, CURRENT, null, null, 10, 4, 4,
                T0.minusSeconds(900), T0.minusSeconds(600), null, null, T0.minusSeconds(9_000), T0.minusSeconds(9_000));

        Endpoint after = new EndpointTally(3, 0, 2, 2, T0, null, "endpoint answered 410 Gone", T0.plusSeconds(3))
                .applyTo(stored);

        assertThat(after.failureCount()).isEqualTo(6);
        assertThat(after.consecutiveFailures()).isEqualTo(6);
        assertThat(after.failingSince()).isEqualTo(T0.minusSeconds(600));
        assertThat(after.lastDeliveryAt()).isEqualTo(T0.minusSeconds(900));
        assertThat(after.active()).isFalse();
        assertThat(after.disabledReason()).isEqualTo("endpoint answered 410 Gone");
        assertThat(after.updatedAt()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void endpointTally_inconsistentCounts_areRejected() {
        assertThatThrownBy(() -> new EndpointTally(1, 0, 1, 2, T0, null, null, T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EndpointTally(1, 0, 1, 1, null, null, null, T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EndpointTally(1, 1, 0, 0, null, null, null, T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EndpointTally(1, 0, 0, 0, null, null, null, null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void deliveryOutcome_attemptOfAnotherDelivery_isRejected() {
        Delivery delivery = new Delivery(5, 1, 1, "evt_1", "post.created", "{}", DeliveryStatus.SUCCESS, 1, 200, null,
                T0, null, 0, T0, T0);

        assertThatThrownBy(() -> new DeliveryOutcome(delivery, new Attempt(0, 6, 1, T0, 200, null, null, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
