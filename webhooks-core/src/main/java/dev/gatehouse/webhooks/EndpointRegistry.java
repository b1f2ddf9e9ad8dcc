package dev.gatehouse.webhooks;

import dev.gatehouse.errors.FieldErrors;
import dev.gatehouse.errors.ValidationException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Endpoint management behind {@link Webhooks}: the field rules of an endpoint, its workspace
 * check, and secret rotation. Nothing here sends or delivers.
 */
final class EndpointRegistry {

    private final WebhookStore store;
    private final Clock clock;
    private final SecureRandom random;
    private final UrlPolicy urlPolicy;
    private final Duration secretOverlap;

    EndpointRegistry(WebhookStore store, Clock clock, SecureRandom random, UrlPolicy urlPolicy,
            Duration secretOverlap) {
        this.store = store;
        this.clock = clock;
        this.random = random;
        this.urlPolicy = urlPolicy;
        this.secretOverlap = secretOverlap;
    }

    CreatedEndpoint create(long workspaceId, String url, List<String> eventTypes, String secretOrNull,
            String description) {
        FieldErrors errors = new FieldErrors();
        validateUrl(url, errors);
        List<String> events = validateEvents(eventTypes, errors);
        String cleanDescription = validateDescription(description, errors);
        WebhookSecret secret = null;
        if (secretOrNull != null) {
            try {
                secret = WebhookSecret.parse(secretOrNull);
            } catch (ValidationException invalid) {
                errors.addAll(invalid);
            }
        }
        errors.throwIfAny();
        if (secret == null) {
            secret = WebhookSecret.generate(random);
        }
        Instant now = Webhooks.now(clock);
        Endpoint endpoint = store.insertEndpoint(new Endpoint(0, workspaceId, url, events, true, secret, null, null,
                0, 0, 0, null, null, null, cleanDescription, now, now));
        return new CreatedEndpoint(endpoint, secret.encoded());
    }

    Endpoint update(long workspaceId, long id, EndpointPatch patch) {
        Objects.requireNonNull(patch, "patch");
        Endpoint current = require(workspaceId, id);
        FieldErrors errors = new FieldErrors();
        String url = current.url();
        if (patch.url().isPresent()) {
            url = patch.url().get();
            validateUrl(url, errors);
        }
        List<String> events = current.eventTypes();
        if (patch.eventTypes().isPresent()) {
            events = validateEvents(patch.eventTypes().get(), errors);
        }
        String description = current.description();
        if (patch.description().isPresent()) {
            description = validateDescription(patch.description().get(), errors);
        }
        errors.throwIfAny();
        Instant now = Webhooks.now(clock);
        Endpoint updated = current.withSettings(url, events, description, now);
        if (patch.active().isPresent()) {
            boolean active = patch.active().get();
            if (active && !current.active()) {
                updated = updated.reactivated(now);
            } else if (!active && current.active()) {
                updated = updated.deactivated(null, now);
            }
        }
        return store.updateEndpoint(updated);
    }

    void delete(long workspaceId, long id) {
        require(workspaceId, id);
        if (!store.deleteEndpoint(id)) {
            throw new EndpointNotFoundException(id);
        }
    }

    Optional<Endpoint> find(long workspaceId, long id) {
        return store.findEndpoint(id).filter(endpoint -> endpoint.workspaceId() == workspaceId);
    }

    Endpoint require(long workspaceId, long id) {
        return find(workspaceId, id).orElseThrow(() -> new EndpointNotFoundException(id));
    }

    RotatedSecret rotateSecret(long workspaceId, long id) {
        Endpoint current = require(workspaceId, id);
        WebhookSecret fresh = WebhookSecret.generate(random);
        Instant now = Webhooks.now(clock);
        Endpoint rotated = store.updateEndpoint(
                current.withSecrets(fresh, current.secret(), now.plus(secretOverlap), now));
        return new RotatedSecret(rotated, fresh.encoded());
    }

    private void validateUrl(String url, FieldErrors errors) {
        if (url == null || url.isBlank()) {
            errors.add("url", "is required");
            return;
        }
        urlPolicy.violation(url).ifPresent(rule -> errors.add("url", rule));
    }

    private static List<String> validateEvents(List<String> eventTypes, FieldErrors errors) {
        if (eventTypes == null) {
            errors.add("events", "is required");
            return List.of();
        }
        if (eventTypes.isEmpty()) {
            errors.add("events", "must not be empty");
            return List.of();
        }
        if (eventTypes.size() > Webhooks.MAX_EVENT_TYPES) {
            errors.add("events", "must contain at most " + Webhooks.MAX_EVENT_TYPES + " event types");
            return List.of();
        }
        List<String> invalid = EventFilter.invalid(eventTypes);
        if (!invalid.isEmpty()) {
            EventFilter.describeInvalid(invalid).forEach(message -> errors.add("events", message));
            return List.of();
        }
        return List.copyOf(new LinkedHashSet<>(eventTypes));
    }

    private static String validateDescription(String description, FieldErrors errors) {
        if (description == null || description.isBlank()) {
            return null;
        }
        if (description.length() > Webhooks.MAX_DESCRIPTION_LENGTH) {
            errors.add("description", "must be at most " + Webhooks.MAX_DESCRIPTION_LENGTH + " characters");
        }
        return description;
    }
}
