package dev.gatehouse.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScopeSetTest {

    private static ScopeSet held(String spaceSeparated) {
        return spaceSeparated.isBlank() ? ScopeSet.empty() : ScopeSet.of(spaceSeparated.split(" "));
    }

    @ParameterizedTest(name = "[{0}] grants {1}: {2}")
    @CsvSource({
          // held,                      required,          granted
          "'*',                         posts:read,        true",
          "'*',                         users:delete,      true",
          "posts:*,                     posts:read,        true",
          "posts:*,                     posts:publish,     true",
          "posts:*,                     users:read,        false",
          "posts:*,                     postsx:read,       false",
          "post:*,                      posts:read,        false",
          "read,                        posts:read,        true",
          "read,                        api-keys:read,     true",
          "read,                        posts:write,       false",
          "read,                        posts:reader,      false",
          "read,                        posts:unread,      false",
          "write,                       posts:rewrite,     false",
          "write,                       posts:write,       true",
          "write,                       posts:read,        false",
          "write,                       posts:delete,      false",
          "read write,                  posts:delete,      false",
          "posts:read,                  posts:read,        true",
          "posts:read,                  posts:write,       false",
          "posts:read,                  users:read,        false",
          "posts:read users:write,      users:write,       true",
          "'',                          posts:read,        false",
          "me:verify,                   me:resend-verification, false",
    })
    void grants_heldAgainstRequired_matchesTable(String held, String required, boolean granted) {
        assertThat(held(held).grants(required)).isEqualTo(granted);
    }

    @ParameterizedTest(name = "[{0}] covers {1}: {2}")
    @CsvSource({
          // held,                 requested,     covered
          "'*',                    '*',           true",
          "read write,             '*',           false",
          "posts:*,                '*',           false",
          "'*',                    read,          true",
          "read,                   read,          true",
          "write,                  read,          false",
          "posts:read,             read,          false",
          "'*',                    write,         true",
          "write,                  write,         true",
          "read,                   write,         false",
          "'*',                    posts:*,       true",
          "posts:*,                posts:*,       true",
          "read write,             posts:*,       false",
          "posts:read posts:write, posts:*,       false",
          "users:*,                posts:*,       false",
          "'*',                    posts:read,    true",
          "read,                   posts:read,    true",
          "posts:*,                posts:read,    true",
          "posts:read,             posts:read,    true",
          "write,                  posts:read,    false",
          "users:*,                posts:read,    false",
          "posts:write,            posts:read,    false",
          "'',                     posts:read,    false",
    })
    void covers_heldAgainstRequested_matchesTable(String held, String requested, boolean covered) {
        assertThat(held(held).covers(requested)).isEqualTo(covered);
    }

    @ParameterizedTest(name = "[{0}] covers set [{1}]: {2}")
    @CsvSource({
          "'*',                    '*',                  true",
          "read write,             posts:read posts:write, true",
          "read,                   posts:read posts:write, false",
          "posts:*,                posts:read posts:*,   true",
          "posts:read posts:write, posts:read,           true",
          "posts:read,             '',                   true",
          "'',                     posts:read,           false",
    })
    void covers_otherSet_matchesTable(String held, String requested, boolean covered) {
        assertThat(held(held).covers(held(requested))).isEqualTo(covered);
    }

    @Test
    void names_unsortedInputWithDuplicates_areSortedAndUnique() {
        ScopeSet set = ScopeSet.of("users:read", "*", "posts:write", "users:read", "posts:*");

        assertThat(set.names()).containsExactly("*", "posts:*", "posts:write", "users:read");
    }

    @Test
    void names_returnedList_isUnmodifiable() {
        List<String> names = ScopeSet.of("posts:read").names();

        assertThatThrownBy(() -> names.add("users:read")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void of_collectionChangedAfterwards_isNotAffected() {
        List<String> source = new java.util.ArrayList<>(List.of("posts:read"));
        ScopeSet set = ScopeSet.of(source);

        source.add("users:read");

        assertThat(set.names()).containsExactly("posts:read");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "Posts:read", "posts", "posts:", ":read", "posts:read:extra", "posts:Read",
          "1posts:read", "posts :read", "**", "*:read", "posts:*x", "READ"})
    void of_invalidName_isRejectedNamingIt(String name) {
        assertThatThrownBy(() -> ScopeSet.of(name))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageEndingWith("but was " + name);
    }

    @Test
    void of_nullName_isRejected() {
        assertThatThrownBy(() -> ScopeSet.of(Arrays.asList("posts:read", null)))
            .isInstanceOf(NullPointerException.class);
    }

    @Test
    void grantsAll_everyRequiredGranted_isTrue() {
        assertThat(ScopeSet.of("posts:*", "read").grantsAll(List.of("posts:write", "users:read"))).isTrue();
    }

    @Test
    void grantsAll_oneRequiredMissing_isFalse() {
        assertThat(ScopeSet.of("posts:*").grantsAll(List.of("posts:write", "users:read"))).isFalse();
    }

    @Test
    void grantsAll_nothingRequired_isTrue() {
        assertThat(ScopeSet.empty().grantsAll(List.of())).isTrue();
    }

    @Test
    void grantsAny_oneRequiredGranted_isTrue() {
        assertThat(ScopeSet.of("users:read").grantsAny(List.of("posts:write", "users:read"))).isTrue();
    }

    @Test
    void grantsAny_noneGranted_isFalse() {
        assertThat(ScopeSet.of("users:read").grantsAny(List.of("posts:write", "posts:read"))).isFalse();
    }

    @Test
    void grantsAny_nothingRequired_isFalse() {
        assertThat(ScopeSet.of("*").grantsAny(List.of())).isFalse();
    }

    @Test
    void missing_someNotGranted_listsThemInOrderOnce() {
        ScopeSet held = ScopeSet.of("read");

        assertThat(held.missing(List.of("users:write", "posts:read", "posts:write", "users:write")))
            .containsExactly("users:write", "posts:write");
    }

    @Test
    void missing_allGranted_isEmpty() {
        assertThat(ScopeSet.of("*").missing(List.of("posts:read", "*"))).isEmpty();
    }

    @Test
    void equals_sameNamesInAnyOrder_areEqualWithEqualHashCodes() {
        ScopeSet a = ScopeSet.of("posts:read", "users:read");
        ScopeSet b = ScopeSet.of(List.of("users:read", "posts:read", "posts:read"));

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    }

    @Test
    void equals_differentNames_areNotEqual() {
        assertThat(ScopeSet.of("posts:read")).isNotEqualTo(ScopeSet.of("posts:write"));
    }

    @Test
    void toString_showsSortedNames() {
        assertThat(ScopeSet.of("users:read", "posts:read")).hasToString("[posts:read, users:read]");
    }

    @Test
    void empty_holdsNothing() {
        assertThat(ScopeSet.empty().isEmpty()).isTrue();
        assertThat(ScopeSet.of(List.of())).isEqualTo(ScopeSet.empty());
    }
}
