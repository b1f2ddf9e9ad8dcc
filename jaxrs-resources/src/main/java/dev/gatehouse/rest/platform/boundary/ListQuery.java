package dev.gatehouse.rest.platform.boundary;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One list request, parsed and checked against its {@link ListSpec}: {@code page}/{@code per_page}
 * (default 25, max 100) or {@code limit}/{@code offset}; {@code sort=-created_at,name};
 * {@code created_after|before}, {@code updated_after|before}, {@code search}, the spec's own
 * filters; {@code fields=}. Every problem is collected into one 422. {@link #fetch} runs it as
 * JPQL and {@link Page#render} answers in seed 001's {@code data}/{@code meta}/{@code links} shape.
 */
public final class ListQuery {

    public static final int DEFAULT_PER_PAGE = 25;
    public static final int MAX_PER_PAGE = 100;
    private static final Set<String> COMMON = Set.of("page", "per_page", "limit", "offset", "sort", "fields", "search",
            "created_after", "created_before", "updated_after", "updated_before");

    private final int perPage;
    private final long offset;
    private final boolean offsetStyle;
    private final List<String> orderBy;
    private final List<String> where;
    private final Map<String, Object> params;
    private final Set<String> fields;

    private ListQuery(int perPage, long offset, boolean offsetStyle, List<String> orderBy, List<String> where,
                      Map<String, Object> params, Set<String> fields) {
        this.perPage = perPage;
        this.offset = offset;
        this.offsetStyle = offsetStyle;
        this.orderBy = orderBy;
        this.where = where;
        this.params = params;
        this.fields = fields;
    }

    /** Parses the request's query parameters; throws a 422 listing every problem. */
    public static ListQuery parse(UriInfo uri, ListSpec spec) {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (String name : q.keySet()) {
            if (!COMMON.contains(name) && !spec.filters().containsKey(name)) {
                Set<String> known = new TreeSet<>(COMMON);
                known.addAll(spec.filters().keySet());
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

        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        date(q, "created_after", "e.createdAt > :createdAfter", "createdAfter", where, params, errors);
        date(q, "created_before", "e.createdAt < :createdBefore", "createdBefore", where, params, errors);
        if (spec.hasUpdatedAt()) {
            date(q, "updated_after", "e.updatedAt > :updatedAfter", "updatedAfter", where, params, errors);
            date(q, "updated_before", "e.updatedAt < :updatedBefore", "updatedBefore", where, params, errors);
        } else {
            for (String p : List.of("updated_after", "updated_before")) {
                if (q.containsKey(p)) {
                    error(errors, p, "is not supported here: this resource is never updated.");
                }
            }
        }
        String search = q.getFirst("search");
        if (search != null) {
            if (spec.searchable().isEmpty()) {
                error(errors, "search", "is not supported here.");
            } else if (search.isBlank() || search.length() > 255) {
                error(errors, "search", "must be 1 to 255 characters.");
            } else {
                params.put("search", "%" + search.toLowerCase(java.util.Locale.ROOT)
                        .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
                List<String> ors = spec.searchable().stream().map(p -> "lower(" + p + ") like :search escape '\\'").toList();
                where.add("(" + String.join(" or ", ors) + ")");
            }
        }
        for (var filter : spec.filters().entrySet()) {
            String value = q.getFirst(filter.getKey());
            if (value != null) {
                try {
                    where.add(filter.getValue().where(value, params));
                } catch (ApiException e) {
                    error(errors, filter.getKey(), e.getMessage());
                }
            }
        }
        List<String> orderBy = sort(q.containsKey("sort") ? q.getFirst("sort") : spec.defaultSort(), spec, errors);
        Set<String> fields = fields(q.getFirst("fields"), spec.fields(), errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new ListQuery(perPage, offset, offsetStyle, orderBy, where, params, fields);
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
     * Runs the query over an entity, within the base condition the resource imposes (tenancy).
     *
     * @param baseWhere  a JPQL condition on alias {@code e}, e.g. {@code e.workspaceId = :ws}
     */
    public <E> Page<E> fetch(EntityManager em, Class<E> type, String baseWhere, Map<String, Object> baseParams) {
        List<String> conditions = new ArrayList<>();
        if (baseWhere != null && !baseWhere.isBlank()) {
            conditions.add(baseWhere);
        }
        conditions.addAll(where);
        String whereClause = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        String entity = type.getSimpleName();
        TypedQuery<Long> count = em.createQuery("select count(e) from " + entity + " e" + whereClause, Long.class);
        TypedQuery<E> list = em.createQuery("select e from " + entity + " e" + whereClause
                + " order by " + String.join(", ", orderBy), type);
        Map<String, Object> all = new HashMap<>(params);
        all.putAll(baseParams);
        all.forEach((k, v) -> {
            count.setParameter(k, v);
            list.setParameter(k, v);
        });
        long total = count.getSingleResult();
        List<E> items = offset >= total ? List.of()
                : list.setFirstResult((int) Math.min(offset, Integer.MAX_VALUE)).setMaxResults(perPage).getResultList();
        return new Page<>(items, total, perPage, offset, offsetStyle, fields);
    }

    /** One page of results. */
    public record Page<E>(List<E> items, long total, int perPage, long offset, boolean offsetStyle, Set<String> fields) {

        /** The seed's list body: {@code data}, {@code meta}, {@code links}. */
        public Map<String, Object> render(Function<E, Map<String, Object>> view, UriInfo uri) {
            List<Map<String, Object>> data = items.stream().map(view).map(m -> pick(m, fields)).toList();
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

    private static List<String> sort(String value, ListSpec spec, Map<String, List<String>> errors) {
        List<String> order = new ArrayList<>();
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
                order.add(path + (desc ? " desc" : " asc"));
            }
        }
        order.add("e.id asc"); // a total order, so pages never overlap or skip
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

    private static void date(MultivaluedMap<String, String> q, String name, String condition, String param,
                             List<String> where, Map<String, Object> params, Map<String, List<String>> errors) {
        String value = q.getFirst(name);
        if (value == null) {
            return;
        }
        Instant instant = parseInstant(value.trim());
        if (instant == null) {
            error(errors, name, "must be an ISO-8601 date (2026-01-15) or date-time with a time zone (2026-01-15T10:30:00Z).");
            return;
        }
        where.add(condition);
        params.put(param, instant);
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
