package dev.gatehouse.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.errors.ValidationException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventFilterTest {

    static Stream<Arguments> matching() {
        return Stream.of(
                Arguments.of("post.created", "post.created", true),
                Arguments.of("post.created", "post.updated", false),
                Arguments.of("post.created", "post.created.extra", false),
                Arguments.of("post.created", "post", false),
                Arguments.of("post.*", "post.created", true),
                Arguments.of("post.*", "post.comment.added", true),
                Arguments.of("post.*", "post", false),
                Arguments.of("post.*", "postal.x", false),
                Arguments.of("post.*", "blog.post.created", false),
                Arguments.of("post.comment.*", "post.comment.added", true),
                Arguments.of("post.comment.*", "post.created", false),
                Arguments.of("*", "post.created", true),
                Arguments.of("*", "webhook.test", true),
                Arguments.of("user", "user", true),
                Arguments.of("user", "user.created", false),
                Arguments.of("*", null, false),
                Arguments.of("post.*", null, false));
    }

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @MethodSource("matching")
    void matches_patternAndType_answersAsTabled(String pattern, String type, boolean expected) {
        assertThat(EventFilter.of(List.of(pattern)).matches(type)).isEqualTo(expected);
    }

    @Test
    void matches_severalPatterns_matchesWhenAnyDoes() {
        EventFilter filter = EventFilter.of(List.of("user.created", "post.*"));

        assertThat(filter.matches("user.created")).isTrue();
        assertThat(filter.matches("post.deleted")).isTrue();
        assertThat(filter.matches("user.deleted")).isFalse();
    }

    static Stream<Arguments> validity() {
        return Stream.of(
                Arguments.of("post.created", true),
                Arguments.of("post", true),
                Arguments.of("post_v2.created_at", true),
                Arguments.of("a1.b2.c3", true),
                Arguments.of("post.*", true),
                Arguments.of("*", true),
                Arguments.of("Post.created", false),
                Arguments.of("post.Created", false),
                Arguments.of("1post", false),
                Arguments.of("post..created", false),
                Arguments.of(".post", false),
                Arguments.of("post.", false),
                Arguments.of("post.1x", false),
                Arguments.of("post-created", false),
                Arguments.of("post.*.created", false),
                Arguments.of("*.created", false),
                Arguments.of("post*", false),
                Arguments.of("post.**", false),
                Arguments.of("**", false),
                Arguments.of(".*", false),
                Arguments.of("", false),
                Arguments.of(" post", false),
                Arguments.of("a".repeat(256), false),
                Arguments.of("a".repeat(255), true));
    }

    @ParameterizedTest(name = "{0} valid={1}")
    @MethodSource("validity")
    void invalid_pattern_isReportedOnlyWhenMalformed(String pattern, boolean valid) {
        assertThat(EventFilter.invalid(List.of(pattern))).isEqualTo(valid ? List.of() : List.of(pattern));
    }

    @Test
    void invalid_mixedList_returnsMalformedInOrderIncludingNull() {
        List<String> patterns = Arrays.asList("post.*", "Bad", null, "user.created", "x..y");

        assertThat(EventFilter.invalid(patterns)).containsExactly("Bad", null, "x..y");
    }

    @Test
    void of_malformedPattern_throwsValidationOnEvents() {
        assertThatThrownBy(() -> EventFilter.of(List.of("post.*", "Bad")))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors()).containsOnlyKeys("events"));
    }

    @Test
    void patterns_withDuplicates_keepsFirstOccurrences() {
        assertThat(EventFilter.of(List.of("b.x", "a.*", "b.x")).patterns()).containsExactly("b.x", "a.*");
    }
}
