package dev.gatehouse.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldErrorsTest {

    @Test
    void throwIfAny_nothingAdded_doesNothing() {
        FieldErrors errors = new FieldErrors();

        errors.throwIfAny();

        assertThat(errors.isEmpty()).isTrue();
    }

    @Test
    void throwIfAny_severalFields_reportsAllInTheOrderAdded() {
        FieldErrors errors = new FieldErrors().add("url", "must use https").add("events", "must not be empty")
                .add("url", "must not be private");

        assertThatThrownBy(errors::throwIfAny).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.errors()).containsExactly(Map.entry("url", List.of("must use https", "must not be private")),
                    Map.entry("events", List.of("must not be empty")));
            assertThat(e.getMessage())
                    .isEqualTo("Validation failed: url must use https, must not be private; events must not be empty");
        });
    }

    @Test
    void has_addedField_isTrueOnlyForIt() {
        FieldErrors errors = new FieldErrors().add("name", "is required");

        assertThat(errors.has("name")).isTrue();
        assertThat(errors.has("slug")).isFalse();
    }

    @Test
    void addAll_nestedException_joinsItsFields() {
        FieldErrors errors = new FieldErrors().add("url", "must use https");

        errors.addAll(new ValidationException("secret", "must start with whsec_"));

        assertThatThrownBy(errors::throwIfAny).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors()).containsOnlyKeys("url", "secret"));
    }

    @Test
    void validationException_noErrors_isRefused() {
        assertThatThrownBy(() -> new ValidationException(Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void errors_laterChangeToTheGivenMap_doesNotLeakIn() {
        Map<String, List<String>> given = new LinkedHashMap<>(Map.of("name", List.of("is required")));
        ValidationException e = new ValidationException(given);

        given.put("slug", List.of("is taken"));

        assertThat(e.errors()).containsOnlyKeys("name");
        assertThatThrownBy(() -> e.errors().put("x", List.of())).isInstanceOf(UnsupportedOperationException.class);
    }
}
