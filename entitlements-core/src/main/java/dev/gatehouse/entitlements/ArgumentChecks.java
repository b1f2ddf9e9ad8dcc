package dev.gatehouse.entitlements;

import dev.gatehouse.errors.ValidationException;
import java.util.stream.Collectors;

/**
 * The checks on what callers pass to {@link Entitlements} and the messages of its refusals, in
 * one place so the direct and the group-commit paths answer alike.
 */
final class ArgumentChecks {

    /** Event ids: the characters of a URL-safe token and common id schemes, 1 to 128 of them. */
    static final int MAX_EVENT_ID_LENGTH = 128;

    private final PlanCatalog catalog;
    private final long maxQuantity;

    ArgumentChecks(PlanCatalog catalog, long maxQuantity) {
        this.catalog = catalog;
        this.maxQuantity = maxQuantity;
    }

    Tier requireTier(String tier) {
        if (tier == null || tier.isBlank()) {
            throw new ValidationException("tier", "The tier field is required.");
        }
        return catalog.tier(tier).orElseThrow(() -> new ValidationException("tier",
                "Unknown tier" + quoted(tier) + "; expected one of "
                        + catalog.tiers().stream().map(Tier::name).collect(Collectors.joining(", ")) + "."));
    }

    Feature requireFeature(String feature) {
        if (feature == null || feature.isBlank()) {
            throw new ValidationException("feature", "The feature field is required.");
        }
        return catalog.feature(feature).orElseThrow(() -> new ValidationException("feature",
                "Unknown feature" + quoted(feature) + "."));
    }

    void requireQuantity(long quantity) {
        if (quantity < 1 || quantity > maxQuantity) {
            throw new ValidationException("quantity", "The quantity must be between 1 and " + maxQuantity + ".");
        }
    }

    static void requireEventId(String eventId) {
        int length = eventId.length();
        boolean valid = length >= 1 && length <= MAX_EVENT_ID_LENGTH;
        for (int i = 0; valid && i < length; i++) {
            char c = eventId.charAt(i);
            valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == ':' || c == '-';
        }
        if (!valid) {
            throw new ValidationException("event_id",
                    "The event id must be 1 to 128 characters of A-Z, a-z, 0-9, _, ., : and -.");
        }
    }

    static String exceededMessage(Feature feature, long used, long limit) {
        return feature.description() + " limit exceeded. Used: " + used + ", Limit: " + limit;
    }

    static String notInPlanMessage(Feature feature, Tier plan) {
        return feature.description() + " is not included in the " + plan.name() + " plan.";
    }

    /** Echoes a caller's value only when it is short and plain, so messages stay safe to return. */
    private static String quoted(String value) {
        return value.length() <= 64 && value.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '\'')
                ? " '" + value + "'" : "";
    }
}
