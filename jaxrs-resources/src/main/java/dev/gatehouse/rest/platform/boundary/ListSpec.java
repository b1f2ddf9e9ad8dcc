package dev.gatehouse.rest.platform.boundary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a list endpoint lets callers sort, filter, search and select, in API names mapped to
 * attribute paths of the listed entity ({@code createdAt}; the JPQL form {@code e.createdAt} is
 * read the same). Anything a request names outside it is a 422. A store declares the spec of the
 * lists it runs, since the paths are its entity's.
 *
 * @param sortable   API field name to attribute path, for {@code sort=}
 * @param searchable attribute paths matched case-insensitively by {@code search=}
 * @param conditions resource-specific filters such as {@code status=}, as Criteria conditions
 * @param fields     the field names {@code fields=} may select
 * @param defaultSort the {@code sort=} value used when none is given
 * @param hasUpdatedAt whether {@code updated_after|before} apply
 */
public record ListSpec(Map<String, String> sortable, List<String> searchable, Map<String, Condition> conditions, Set<String> fields, String defaultSort, boolean hasUpdatedAt) {

    /** Checks one filter value and turns it into a Criteria condition; throws ApiException for a bad value. */
    @FunctionalInterface
    public interface Condition {
        ListQuery.Where parse(String value);
    }

    public ListSpec {
        sortable = Map.copyOf(sortable);
        searchable = List.copyOf(searchable);
        conditions = Map.copyOf(conditions);
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
        private final Map<String, Condition> conditions = new LinkedHashMap<>();
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

        public Builder filter(String name, Condition condition) {
            conditions.put(name, condition);
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
            return new ListSpec(sortable, searchable, conditions, fields, defaultSort, hasUpdatedAt);
        }
    }
}
