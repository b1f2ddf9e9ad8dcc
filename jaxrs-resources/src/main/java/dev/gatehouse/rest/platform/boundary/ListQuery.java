package dev.gatehouse.rest.platform.boundary;

import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Order;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One list request, parsed and checked against its {@link ListSpec}: {@code page}/{@code per_page}
 * (default 25, max 100) or {@code limit}/{@code offset}; {@code sort=-created_at,name};
 * {@code created_after|before}, {@code updated_after|before}, {@code search}, the spec's own
 * filters; {@code fields=}. Every problem is collected into one 422. A store runs it with
 * {@link #fetch(EntityManager, Class, Where)} as two Criteria queries (count and page) over its
 * entity, within the condition it imposes (tenancy); {@link Page#render} answers in seed 001's
 * {@code data}/{@code meta}/{@code links} shape. {@code created_after|before} and
 * {@code updated_after|before} compare the attributes the spec sorts {@code created_at} and
 * {@code updated_at} by, so an entity whose creation time is called otherwise is filtered by it.
 * Every list runs as Criteria: no JPQL text is put together from a request.
 */
public final class ListQuery {

    public static final int DEFAULT_PER_PAGE = 25;
    public static final int MAX_PER_PAGE = 100;
    private static final Set<String> COMMON = Set.of("page", "per_page", "limit", "offset", "sort", "fields", "search",
            "created_after", "created_before", "updated_after", "updated_before");

    private final int perPage;
    private final long offset;
    private final boolean offsetStyle;
    private final ListSpec spec;
    private final List<Sort> sort;
    private final Map<String, Instant> bounds;
    private final String searchPattern;
    private final List<Where> conditions;
    private final Set<String> fields;

    private ListQuery(int perPage, long offset, boolean offsetStyle, ListSpec spec, List<Sort> sort,
                      Map<String, Instant> bounds, String searchPattern, List<Where> conditions, Set<String> fields) {
        this.perPage = perPage;
        this.offset = offset;
        this.offsetStyle = offsetStyle;
        this.spec = spec;
        this.sort = sort;
        this.bounds = bounds;
        this.searchPattern = searchPattern;
        this.conditions = conditions;
        this.fields = fields;
    }

    /** A condition on a list's entity, built when the query runs. */
    @FunctionalInterface
    public interface Where {

        /**
         * @param cb the query's builder
         * @param e  the entity being listed
         * @return the condition
         */
        Predicate on(CriteriaBuilder cb, Root<?> e);
    }

    /** One sort key: an attribute path of the entity and its direction. */
    record Sort(String path, boolean desc) {
    }

    /** Parses the request's query parameters; throws a 422 listing every problem. */
    public static ListQuery parse(UriInfo uri, ListSpec spec) {
        return parse(uri.getQueryParameters(), spec);
    }

    /** Parses query parameters; throws a 422 listing every problem. */
    public static ListQuery parse(MultivaluedMap<String, String> q, ListSpec spec) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (String name : q.keySet()) {
            if (!COMMON.contains(name) && !spec.conditions().containsKey(name)) {
                Set<String> known = new TreeSet<>(COMMON);
                known.addAll(spec.conditions().keySet());
                if (!spec.hasUpdatedAt()) {
                    known.remove("updated_after");
                    known.remove("updated_before");
                }
                error(errors, name, "is not a supported parameter here; supported: " + String.join(", ", known) + ".");
            }
            if (q.get(name).size() > 1) {
                error(errors, name, "must be given once.");
            }
        }
        boolean pageStyle = q.containsKey("page") || q.containsKey("per_page");
        boolean offsetStyle = q.containsKey("limit") || q.containsKey("offset");
        if (pageStyle && offsetStyle) {
            error(errors, "offset", "use either page/per_page or limit/offset, not both.");
        }
        int perPage = (int) number(q, offsetStyle ? "limit" : "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE, errors);
        long offset;
        if (offsetStyle) {
            offset = number(q, "offset", 0, 0, Integer.MAX_VALUE, errors);
        } else {
            long page = number(q, "page", 1, 1, Integer.MAX_VALUE, errors);
            offset = (page - 1) * perPage;
        }

        Map<String, Instant> bounds = new LinkedHashMap<>();
        date(q, "created_after", bounds, errors);
        date(q, "created_before", bounds, errors);
        if (spec.hasUpdatedAt()) {
            date(q, "updated_after", bounds, errors);
            date(q, "updated_before", bounds, errors);
        } else {
            for (String p : List.of("updated_after", "updated_before")) {
                if (q.containsKey(p)) {
                    error(errors, p, "is not supported here: this resource is never updated.");
                }
            }
        }
        String searchPattern = null;
        String search = q.getFirst("search");
        if (search != null) {
            if (spec.searchable().isEmpty()) {
                error(errors, "search", "is not supported here.");
            } else if (search.isBlank() || search.length() > 255) {
                error(errors, "search", "must be 1 to 255 characters.");
            } else {
                searchPattern = "%" + search.toLowerCase(Locale.ROOT)
                        .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            }
        }
        List<Where> conditions = new ArrayList<>();
        for (String name : q.keySet()) {
            String value = q.getFirst(name);
            try {
                if (spec.conditions().containsKey(name)) {
                    conditions.add(spec.conditions().get(name).parse(value));
                }
            } catch (ApiException e) {
                // A filter's validation error carries its messages in "errors"; its own message is generic.
                if (e.fields().get("errors") instanceof Map<?, ?> messages) {
                    messages.values().forEach(list -> ((List<?>) list).forEach(m -> error(errors, name, m.toString())));
                } else {
                    error(errors, name, e.getMessage());
                }
            }
        }
        List<Sort> sort = sort(q.containsKey("sort") ? q.getFirst("sort") : spec.defaultSort(), spec, errors);
        Set<String> fields = fields(q.getFirst("fields"), spec.fields(), errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new ListQuery(perPage, offset, offsetStyle, spec, sort, bounds, searchPattern, conditions, fields);
    }

    /** Applies {@code fields=} to a single response record, whose components are what may be selected. */
    public static Object select(UriInfo uri, Record item) {
        if (uri.getQueryParameters().getFirst("fields") == null) {
            return item;
        }
        return select(uri, Wire.fields(item.getClass()), Wire.map(item));
    }

    /** Applies {@code fields=} to a single resource's representation. */
    public static Map<String, Object> select(UriInfo uri, Set<String> allowed, Map<String, Object> item) {
        String requested = uri.getQueryParameters().getFirst("fields");
        if (requested == null) {
            return item;
        }
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Set<String> fields = fields(requested, allowed, errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return pick(item, fields);
    }

    /**
     * Runs the query over an entity as two Criteria queries, within the store's own condition.
     *
     * @param base the store's condition on the entity (tenancy), or null for none
     */
    public <E> Page<E> fetch(EntityManager em, Class<E> type, Where base) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Long> count = cb.createQuery(Long.class);
        Root<E> counted = count.from(type);
        count.select(cb.count(counted)).where(predicates(cb, counted, base));
        long total = em.createQuery(count).getSingleResult();
        if (offset >= total) {
            return new Page<>(List.of(), total, perPage, offset, offsetStyle, fields);
        }
        CriteriaQuery<E> list = cb.createQuery(type);
        Root<E> listed = list.from(type);
        list.select(listed).where(predicates(cb, listed, base)).orderBy(orders(cb, listed));
        List<E> items = em.createQuery(list).setFirstResult((int) Math.min(offset, Integer.MAX_VALUE))
                .setMaxResults(perPage).getResultList();
        return new Page<>(items, total, perPage, offset, offsetStyle, fields);
    }

    private Predicate[] predicates(CriteriaBuilder cb, Root<?> e, Where base) {
        List<Predicate> all = new ArrayList<>();
        if (base != null) {
            all.add(base.on(cb, e));
        }
        bounds.forEach((name, instant) -> {
            Path<Instant> at = path(e, boundPath(name));
            all.add(name.endsWith("_after") ? cb.greaterThan(at, instant) : cb.lessThan(at, instant));
        });
        if (searchPattern != null) {
            all.add(cb.or(spec.searchable().stream()
                    .map(p -> cb.like(cb.lower(ListQuery.<String>path(e, p)), searchPattern, '\\'))
                    .toArray(Predicate[]::new)));
        }
        conditions.forEach(condition -> all.add(condition.on(cb, e)));
        return all.toArray(Predicate[]::new);
    }

    private List<Order> orders(CriteriaBuilder cb, Root<?> e) {
        List<Order> orders = new ArrayList<>();
        for (Sort key : sort) {
            Path<?> path = path(e, key.path());
            orders.add(key.desc() ? cb.desc(path) : cb.asc(path));
        }
        return orders;
    }

    /** An attribute path of the spec ({@code createdAt}, or the JPQL form {@code e.createdAt}). */
    private static <T> Path<T> path(Root<?> e, String dotted) {
        Path<?> path = e;
        for (String attribute : attribute(dotted).split("\\.")) {
            path = path.get(attribute);
        }
        @SuppressWarnings("unchecked")
        Path<T> typed = (Path<T>) path;
        return typed;
    }

    static String attribute(String path) {
        return path.startsWith("e.") ? path.substring(2) : path;
    }

    /** What {@code created_after} and its kin compare: the attribute {@code created_at} sorts by. */
    String boundPath(String parameter) {
        String field = parameter.startsWith("created_") ? "created_at" : "updated_at";
        String sorted = spec.sortable().get(field);
        return sorted != null ? sorted : field.startsWith("created") ? "createdAt" : "updatedAt";
    }

    /** One page of results. */
    public record Page<E>(List<E> items, long total, int perPage, long offset, boolean offsetStyle, Set<String> fields) {

        /** The same page with each item turned into another value, e.g. an entity into its record. */
        public <R> Page<R> map(Function<E, R> mapper) {
            return new Page<>(items.stream().map(mapper).toList(), total, perPage, offset, offsetStyle, fields);
        }

        /** The seed's list body: {@code data}, {@code meta}, {@code links}. */
        public Map<String, Object> render(Function<E, ?> view, UriInfo uri) {
            List<Object> data = items.stream().<Object>map(view).map(v -> fields == null ? v : pick(Wire.asMap(v), fields)).toList();
            long currentPage = offset / perPage + 1;
            long lastPage = Math.max(1, (total + perPage - 1) / perPage);
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("current_page", currentPage);
            meta.put("from", data.isEmpty() ? null : offset + 1);
            meta.put("last_page", lastPage);
            meta.put("per_page", perPage);
            meta.put("to", data.isEmpty() ? null : offset + data.size());
            meta.put("total", total);
            Map<String, Object> links = new LinkedHashMap<>();
            if (offsetStyle) {
                meta.put("limit", perPage);
                meta.put("offset", offset);
                long lastOffset = (lastPage - 1) * perPage;
                links.put("first", link(uri, "offset", 0));
                links.put("last", link(uri, "offset", lastOffset));
                links.put("prev", offset > 0 ? link(uri, "offset", Math.max(0, offset - perPage)) : null);
                links.put("next", offset + perPage < total ? link(uri, "offset", offset + perPage) : null);
            } else {
                links.put("first", link(uri, "page", 1));
                links.put("last", link(uri, "page", lastPage));
                links.put("prev", currentPage > 1 ? link(uri, "page", currentPage - 1) : null);
                links.put("next", currentPage < lastPage ? link(uri, "page", currentPage + 1) : null);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("data", data);
            body.put("meta", meta);
            body.put("links", links);
            return body;
        }

        private static String link(UriInfo uri, String param, long value) {
            return uri.getRequestUriBuilder().replaceQueryParam(param, value).build().toString();
        }
    }

    private static Map<String, Object> pick(Map<String, Object> item, Set<String> fields) {
        if (fields == null) {
            return item;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        item.forEach((k, v) -> {
            if (fields.contains(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static List<Sort> sort(String value, ListSpec spec, Map<String, List<String>> errors) {
        List<Sort> order = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        String[] parts = value.split(",", -1);
        if (parts.length > 5) {
            error(errors, "sort", "may name at most 5 fields.");
        }
        for (String part : parts) {
            String token = part.trim();
            boolean desc = token.startsWith("-");
            String name = desc ? token.substring(1) : token;
            String path = spec.sortable().get(name);
            if (path == null) {
                error(errors, "sort", "cannot sort by '" + name + "'; sortable fields: "
                        + String.join(", ", new TreeSet<>(spec.sortable().keySet())) + ".");
            } else if (seen.add(name)) {
                order.add(new Sort(path, desc));
            }
        }
        order.add(new Sort("id", false)); // a total order, so pages never overlap or skip
        return order;
    }

    private static Set<String> fields(String value, Set<String> allowed, Map<String, List<String>> errors) {
        if (value == null) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String part : value.split(",", -1)) {
            String name = part.trim();
            if (!allowed.contains(name)) {
                error(errors, "fields", "unknown field '" + name + "'; available: " + String.join(", ", new TreeSet<>(allowed)) + ".");
            } else {
                out.add(name);
            }
        }
        return out;
    }

    private static long number(MultivaluedMap<String, String> q, String name, long fallback, long min, long max,
                               Map<String, List<String>> errors) {
        String value = q.getFirst(name);
        if (value == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        error(errors, name, "must be an integer from " + min + " to " + max + ".");
        return fallback;
    }

    private static void date(MultivaluedMap<String, String> q, String name, Map<String, Instant> bounds,
                             Map<String, List<String>> errors) {
        String value = q.getFirst(name);
        if (value == null) {
            return;
        }
        Instant instant = parseInstant(value.trim());
        if (instant == null) {
            error(errors, name, "must be an ISO-8601 date (2026-01-15) or date-time with a time zone (2026-01-15T10:30:00Z).");
            return;
        }
        bounds.put(name, instant);
    }

    static Instant parseInstant(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notADateTime) {
            try {
                return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static void error(Map<String, List<String>> errors, String field, String message) {
        errors.computeIfAbsent(field, k -> new ArrayList<>()).add(message);
    }
}
