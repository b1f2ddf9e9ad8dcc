package dev.gatehouse.rest.platform.boundary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a list endpoint lets callers sort, filter, search and select, in API names mapped to JPQL
 * paths on the entity alias {@code e}. Anything a request names outside it is a 422.
 *
 * @param sortable   API field name to JPQL path, for {@code sort=}
 * @param searchable JPQL paths matched case-insensitively by {@code search=}
 * @param filters    resource-specific filters such as {@code status=}
 * @param fields     the field names {@code fields=} may select
 * @param defaultSort the {@code sort=} value used when none is given
 * @param hasUpdatedAt whether {@code updated_after|before} apply
 */
public record ListSpec(Map<String, String> sortable, List<String> searchable, Map<String, Filter> filters,
                       Set<String> fields, String defaultSort, boolean hasUpdatedAt) {

    /** Turns one filter value into a JPQL condition, adding its parameters; throws ApiException for a bad value. */
    @FunctionalInterface
    public interface Filter {
        String where(String value, Map<String, Object> params);
    }

    public ListSpec {
        sortable = Map.copyOf(sortable);
        searchable = List.copyOf(searchable);
        filters = Map.copyOf(filters);
        fields = Set.copyOf(fields);
        Objects.requireNonNull(defaultSort, "defaultSort");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects a spec; fields default to the sortable ones. */
    public static final class Builder {
        private final Map<String, String> sortable = new LinkedHashMap<>();
        private List<String> searchable = List.of();
        private final Map<String, Filter> filters = new LinkedHashMap<>();
        private Set<String> fields = Set.of();
        private String defaultSort = "-created_at";
        private boolean hasUpdatedAt = true;

        public Builder sort(String apiName, String path) {
            sortable.put(apiName, path);
            return this;
        }

        public Builder search(String... paths) {
            searchable = List.of(paths);
            return this;
        }

        public Builder filter(String name, Filter filter) {
            filters.put(name, filter);
            return this;
        }

        public Builder fields(Set<String> names) {
            fields = names;
            return this;
        }

        public Builder defaultSort(String sort) {
            defaultSort = sort;
            return this;
        }

        public Builder noUpdatedAt() {
            hasUpdatedAt = false;
            return this;
        }

        public ListSpec build() {
            return new ListSpec(sortable, searchable, filters, fields, defaultSort, hasUpdatedAt);
        }
    }
}
