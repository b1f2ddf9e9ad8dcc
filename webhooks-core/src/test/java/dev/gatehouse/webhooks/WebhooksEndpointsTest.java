package dev.gatehouse.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.errors.ValidationException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WebhooksEndpointsTest extends WebhooksTestSupport {

    private static final String GOOD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    void createEndpoint_validInput_storesActiveEndpointAndReturnsItsSecretOnce() {
        CreatedEndpoint created = webhooks.createEndpoint(WORKSPACE, URL, List.of("post.*", "user.created"), null,
                "main hook");

        Endpoint endpoint = created.endpoint();
        assertThat(created.secret()).startsWith("whsec_");
        assertThat(endpoint.secret().encoded()).isEqualTo(created.secret());
        assertThat(endpoint.id()).isPositive();
        assertThat(endpoint.workspaceId()).isEqualTo(WORKSPACE);
        assertThat(endpoint.url()).isEqualTo(URL);
        assertThat(endpoint.eventTypes()).containsExactly("post.*", "user.created");
        assertThat(endpoint.active()).isTrue();
        assertThat(endpoint.description()).isEqualTo("main hook");
        assertThat(endpoint.createdAt()).isEqualTo(T0);
        assertThat(store.findEndpoint(endpoint.id())).contains(endpoint);
        assertThat(created.toString()).doesNotContain(created.secret().substring(6));
    }

    @Test
    void createEndpoint_suppliedSecret_isUsed() {
        CreatedEndpoint created = webhooks.createEndpoint(WORKSPACE, URL, List.of("*"), GOOD_SECRET, null);

        assertThat(created.secret()).isEqualTo(GOOD_SECRET);
        assertThat(created.endpoint().secret()).isEqualTo(WebhookSecret.parse(GOOD_SECRET));
    }

    @Test
    void createEndpoint_duplicatePatterns_areStoredOnce() {
        Endpoint endpoint = createEndpoint("post.*", "post.*", "user.created").endpoint();

        assertThat(endpoint.eventTypes()).containsExactly("post.*", "user.created");
    }

    static Stream<Arguments> invalidCreations() {
        List<String> ok = List.of("post.created");
        return Stream.of(
                Arguments.of("url missing", null, ok, null, null, "url", "is required"),
                Arguments.of("url blank", " ", ok, null, null, "url", "is required"),
                Arguments.of("url http", "http://hooks.example.com/", ok, null, null, "url", "must use https"),
                Arguments.of("url loopback", "https://127.0.0.1/", ok, null, null, "url",
                        "must not target a loopback address"),
                Arguments.of("url metadata", "https://169.254.169.254/", ok, null, null, "url",
                        "must not target a cloud metadata address"),
                Arguments.of("events missing", URL, null, null, null, "events", "is required"),
                Arguments.of("events empty", URL, List.of(), null, null, "events", "must not be empty"),
                Arguments.of("events too many", URL, Collections.nCopies(101, "post.created"), null, null, "events",
                        "must contain at most 100 event types"),
                Arguments.of("events malformed", URL, List.of("post.*", "Post.Created"), null, null, "events",
                        "contains an invalid event type pattern: Post.Created"),
                Arguments.of("secret malformed", URL, ok, "whsec_short", null, "secret",
                        "must be whsec_ followed by the base64 of 24 to 64 bytes"),
                Arguments.of("secret blank", URL, ok, "", null, "secret",
                        "must be whsec_ followed by the base64 of 24 to 64 bytes"),
                Arguments.of("description too long", URL, ok, null, "d".repeat(501), "description",
                        "must be at most 500 characters"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCreations")
    void createEndpoint_invalidField_reportsThatFieldAndStoresNothing(String name, String url, List<String> events,
            String secret, String description, String field, String message) {
        assertThatThrownBy(() -> webhooks.createEndpoint(WORKSPACE, url, events, secret, description))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors()).containsOnlyKeys(field).containsEntry(field, List.of(message)));
        assertThat(store.activeEndpointsFor(WORKSPACE)).isEmpty();
    }

    @Test
    void createEndpoint_everyFieldInvalid_reportsAllFieldsAtOnce() {
        assertThatThrownBy(() -> webhooks.createEndpoint(WORKSPACE, "ftp://x", List.of(), "whsec_", "d".repeat(501)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .containsOnlyKeys("url", "events", "secret", "description"));
    }

    @Test
    void createEndpoint_malformedSecret_messageNeverEchoesIt() {
        String almostSecret = "whsec_" + java.util.Base64.getEncoder().encodeToString(
                "a-secret-value-that-is-far-too-long-to-be-accepted-by-the-rules-for-keys".getBytes(
                        java.nio.charset.StandardCharsets.UTF_8));

        assertThatThrownBy(() -> webhooks.createEndpoint(WORKSPACE, URL, List.of("*"), almostSecret, null))
                .isInstanceOf(ValidationException.class)
                .message().doesNotContain(almostSecret.substring(6));
    }

    @Test
    void findEndpoint_ownWorkspace_findsIt() {
        Endpoint endpoint = createEndpoint("*").endpoint();

        assertThat(webhooks.findEndpoint(WORKSPACE, endpoint.id())).contains(endpoint);
    }

    static Stream<Arguments> crossWorkspaceCalls() {
        return Stream.of(
                Arguments.of("update", (Consumer<Webhooks>) w -> w.updateEndpoint(OTHER_WORKSPACE, 1,
                        new EndpointPatch(Optional.of(URL), null, null, null))),
                Arguments.of("delete", (Consumer<Webhooks>) w -> w.deleteEndpoint(OTHER_WORKSPACE, 1)),
                Arguments.of("rotate", (Consumer<Webhooks>) w -> w.rotateSecret(OTHER_WORKSPACE, 1)),
                Arguments.of("test", (Consumer<Webhooks>) w -> w.testEndpoint(OTHER_WORKSPACE, 1)),
                Arguments.of("unknown id", (Consumer<Webhooks>) w -> w.deleteEndpoint(WORKSPACE, 999)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crossWorkspaceCalls")
    void endpointCall_otherWorkspacesEndpoint_throwsNotFoundAndChangesNothing(String name, Consumer<Webhooks> call) {
        Endpoint endpoint = createEndpoint("*").endpoint();

        assertThatThrownBy(() -> call.accept(webhooks)).isInstanceOf(EndpointNotFoundException.class);
        assertThat(store.findEndpoint(endpoint.id())).contains(endpoint);
        assertThat(sender.requests()).isEmpty();
    }

    @Test
    void findEndpoint_otherWorkspace_isEmpty() {
        Endpoint endpoint = createEndpoint("*").endpoint();

        assertThat(webhooks.findEndpoint(OTHER_WORKSPACE, endpoint.id())).isEmpty();
    }

    @Test
    void updateEndpoint_someFields_changesOnlyThose() {
        Endpoint before = webhooks.createEndpoint(WORKSPACE, URL, List.of("post.*"), null, "old").endpoint();
        advance(Duration.ofMinutes(1));

        Endpoint after = webhooks.updateEndpoint(WORKSPACE, before.id(), new EndpointPatch(
                Optional.of("https://hooks.example.com/v2"), Optional.of(List.of("user.*")), Optional.empty(),
                Optional.empty()));

        assertThat(after.url()).isEqualTo("https://hooks.example.com/v2");
        assertThat(after.eventTypes()).containsExactly("user.*");
        assertThat(after.description()).isEqualTo("old");
        assertThat(after.active()).isTrue();
        assertThat(after.secret()).isEqualTo(before.secret());
        assertThat(after.createdAt()).isEqualTo(T0);
        assertThat(after.updatedAt()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
        assertThat(store.findEndpoint(before.id())).contains(after);
    }

    @Test
    void updateEndpoint_blankDescription_clearsIt() {
        Endpoint before = webhooks.createEndpoint(WORKSPACE, URL, List.of("*"), null, "old").endpoint();

        Endpoint after = webhooks.updateEndpoint(WORKSPACE, before.id(),
                new EndpointPatch(null, null, null, Optional.of(" ")));

        assertThat(after.description()).isNull();
    }

    @Test
    void updateEndpoint_invalidFields_throwsAndChangesNothing() {
        Endpoint before = createEndpoint("*").endpoint();

        assertThatThrownBy(() -> webhooks.updateEndpoint(WORKSPACE, before.id(), new EndpointPatch(
                Optional.of("https://10.0.0.1/"), Optional.of(List.of()), null, null)))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors()).containsOnlyKeys("url", "events"));
        assertThat(store.findEndpoint(before.id())).contains(before);
    }

    @Test
    void updateEndpoint_deactivate_keepsFailureStateAndStopsDelivery() {
        Endpoint before = createEndpoint("*").endpoint();

        Endpoint after = webhooks.updateEndpoint(WORKSPACE, before.id(),
                new EndpointPatch(null, null, Optional.of(false), null));

        assertThat(after.active()).isFalse();
        assertThat(webhooks.publish(WORKSPACE, "post.created", "{}", null).deliveries()).isZero();
    }

    @Test
    void updateEndpoint_reactivate_clearsFailureStreakAndReason() {
        Endpoint created = createEndpoint("*").endpoint();
        store.updateEndpoint(new EndpointTally(created.id(), 0, 2, 2, T0, null, "endpoint answered 410 Gone", T0)
                .applyTo(created));
        advance(Duration.ofHours(1));

        Endpoint after = webhooks.updateEndpoint(WORKSPACE, created.id(),
                new EndpointPatch(null, null, Optional.of(true), null));

        assertThat(after.active()).isTrue();
        assertThat(after.consecutiveFailures()).isZero();
        assertThat(after.failingSince()).isNull();
        assertThat(after.disabledReason()).isNull();
        assertThat(after.failureCount()).isEqualTo(2);
    }

    @Test
    void deleteEndpoint_ownEndpoint_removesItWithItsDeliveries() {
        Endpoint endpoint = createEndpoint("*").endpoint();
        webhooks.publish(WORKSPACE, "post.created", "{}", "evt_1");

        webhooks.deleteEndpoint(WORKSPACE, endpoint.id());

        assertThat(store.findEndpoint(endpoint.id())).isEmpty();
        assertThat(deliveriesOf(endpoint.id())).isEmpty();
    }

    @Test
    void rotateSecret_ownEndpoint_returnsNewSecretAndKeepsOldOneForTheOverlap() {
        CreatedEndpoint created = createEndpoint("*");
        advance(Duration.ofMinutes(10));

        RotatedSecret rotated = webhooks.rotateSecret(WORKSPACE, created.endpoint().id());

        Endpoint endpoint = rotated.endpoint();
        assertThat(rotated.secret()).startsWith("whsec_").isNotEqualTo(created.secret());
        assertThat(endpoint.secret().encoded()).isEqualTo(rotated.secret());
        assertThat(endpoint.previousSecret().encoded()).isEqualTo(created.secret());
        assertThat(endpoint.previousSecretExpiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(10)).plus(Duration.ofHours(24)));
        assertThat(endpoint.signingSecretsAt(clock.instant())).containsExactly(endpoint.secret(), endpoint.previousSecret());
        assertThat(endpoint.signingSecretsAt(endpoint.previousSecretExpiresAt())).containsExactly(endpoint.secret());
        assertThat(rotated.toString()).doesNotContain(rotated.secret().substring(6));
    }

    @Test
    void rotateSecret_twice_dropsTheOldestSecret() {
        CreatedEndpoint created = createEndpoint("*");
        RotatedSecret first = webhooks.rotateSecret(WORKSPACE, created.endpoint().id());

        RotatedSecret second = webhooks.rotateSecret(WORKSPACE, created.endpoint().id());

        assertThat(second.endpoint().previousSecret().encoded()).isEqualTo(first.secret());
        assertThat(second.endpoint().signingSecretsAt(clock.instant()))
                .extracting(WebhookSecret::encoded).containsExactly(second.secret(), first.secret());
    }

    @Test
    void testEndpoint_receiverAnswers_returnsResultAndStoresNothing() {
        Endpoint endpoint = createEndpoint("post.created").endpoint();
        sender.then(new SendResult(200, "{\"received\":true}", java.util.Map.of(), null, 145));

        TestResult result = webhooks.testEndpoint(WORKSPACE, endpoint.id());

        assertThat(result).isEqualTo(new TestResult(true, 200, 145, "{\"received\":true}", null));
        SendRequest request = sender.last();
        assertThat(request.body()).startsWith("{\"type\":\"webhook.test\",\"timestamp\":\"2026-01-15T10:30:00Z\",\"data\":{");
        assertThat(request.headers().get("webhook-signature")).isEqualTo(WebhookSigner.sign(
                request.headers().get("webhook-id"), T0.getEpochSecond(), request.body(), List.of(endpoint.secret())));
        assertThat(store.claimDue(T0, 100, T0.plusSeconds(60))).isEmpty();
        assertThat(store.findEndpoint(endpoint.id())).contains(endpoint);
    }

    @Test
    void testEndpoint_receiverUnreachable_reportsTheError() {
        Endpoint endpoint = createEndpoint("*").endpoint();
        sender.then(SendResult.failed("Connection refused", 3));

        TestResult result = webhooks.testEndpoint(WORKSPACE, endpoint.id());

        assertThat(result).isEqualTo(new TestResult(false, null, 3, null, "Connection refused"));
    }

    @Test
    void build_withoutStore_isRejected() {
        assertThatThrownBy(() -> Webhooks.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("store");
    }

    static Stream<Arguments> badBuilderArguments() {
        return Stream.of(
                Arguments.of("attemptTimeout zero", (Consumer<Webhooks.Builder>) b -> b.attemptTimeout(Duration.ZERO)),
                Arguments.of("attemptTimeout negative",
                        (Consumer<Webhooks.Builder>) b -> b.attemptTimeout(Duration.ofSeconds(-1))),
                Arguments.of("disableAfter zero", (Consumer<Webhooks.Builder>) b -> b.disableAfter(Duration.ZERO)),
                Arguments.of("maxManualRetries negative", (Consumer<Webhooks.Builder>) b -> b.maxManualRetries(-1)),
                Arguments.of("secretOverlap negative",
                        (Consumer<Webhooks.Builder>) b -> b.secretOverlap(Duration.ofSeconds(-1))),
                Arguments.of("maxConcurrentSends zero", (Consumer<Webhooks.Builder>) b -> b.maxConcurrentSends(0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBuilderArguments")
    void builder_badArgument_isRejectedNamingIt(String name, Consumer<Webhooks.Builder> setting) {
        assertThatThrownBy(() -> setting.accept(Webhooks.builder()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(name.split(" ")[0]);
    }
}
