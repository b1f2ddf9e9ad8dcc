package dev.gatehouse.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScopeCatalogTest {

    private static final List<String> BUILT_IN = List.of("workspaces:read", "workspaces:write", "workspaces:delete",
        "api-keys:read", "api-keys:write", "api-keys:delete", "api-keys:verify", "users:read", "users:write",
        "webhooks:read", "webhooks:write", "webhooks:delete", "events:write", "entitlements:read",
        "entitlements:write", "audit:read", "mcp:read", "mcp:write", "portal:write", "me:verify", "me:resend-verification",
        "seo:read", "seo:write", "sites:read", "sites:write", "analytics:read");

    private final ScopeCatalog catalog = ScopeCatalog.builder()
        .add("posts:read", "Read posts")
        .add("posts:publish", "Publish posts")
        .build();

    @Test
    void all_builtIn_holdsEveryGatehouseScopeWithADescription() {
        List<Scope> all = ScopeCatalog.builtIn().all();

        assertThat(all).extracting(Scope::name).containsExactlyElementsOf(BUILT_IN);
        assertThat(all).allSatisfy(scope -> assertThat(scope.description()).isNotBlank());
    }

    @Test
    void all_withAppScopes_listsBuiltInsThenAppScopes() {
        assertThat(catalog.all()).extracting(Scope::name)
            .startsWith(BUILT_IN.toArray(String[]::new))
            .endsWith("posts:read", "posts:publish");
    }

    @ParameterizedTest(name = "{0} known: {1}")
    @CsvSource({
          "api-keys:write,     true",
          "me:resend-verification, true",
          "posts:publish,      true",
          "'*',                true",
          "read,               true",
          "write,              true",
          "posts:*,            true",
          "api-keys:*,         true",
          "comments:*,         false",
          "posts:delete,       false",
          "crm:read,           false",
          "POSTS:read,         false",
          "posts,              false",
          "'',                 false",
    })
    void isKnown_name_matchesTable(String name, boolean known) {
        assertThat(catalog.isKnown(name)).isEqualTo(known);
    }

    @Test
    void unknown_mixedRequest_returnsOnlyUnknownNamesInOrderOnce() {
        assertThat(catalog.unknown(List.of("posts:read", "crm:read", "*", "comments:*", "crm:read", "Bad Name")))
            .containsExactly("crm:read", "comments:*", "Bad Name");
    }

    @Test
    void unknown_allKnown_isEmpty() {
        assertThat(catalog.unknown(List.of("read", "write", "users:*", "posts:publish"))).isEmpty();
    }

    @Test
    void find_declaredScope_returnsItsDescription() {
        assertThat(catalog.find("posts:publish")).contains(new Scope("posts:publish", "Publish posts"));
        assertThat(catalog.find("posts:*")).isEmpty();
    }

    @Test
    void builtIn_doesNotKnowAppScopes() {
        assertThat(ScopeCatalog.builtIn().isKnown("posts:read")).isFalse();
    }

    @Test
    void add_duplicateName_isRejectedNamingIt() {
        ScopeCatalog.Builder builder = ScopeCatalog.builder();

        assertThatThrownBy(() -> builder.add("users:read", "again"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("users:read");
    }

    @ParameterizedTest
    @ValueSource(strings = {"posts:*", "*", "read", "Posts:read", "posts"})
    void add_nonConcreteName_isRejectedNamingIt(String name) {
        ScopeCatalog.Builder builder = ScopeCatalog.builder();

        assertThatThrownBy(() -> builder.add(name, "description"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(name);
    }

    @Test
    void add_blankDescription_isRejected() {
        ScopeCatalog.Builder builder = ScopeCatalog.builder();

        assertThatThrownBy(() -> builder.add("posts:read", " "))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("posts:read");
    }
}
