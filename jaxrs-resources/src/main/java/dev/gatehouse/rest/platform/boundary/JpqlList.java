package dev.gatehouse.rest.platform.boundary;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ListQuery} run as JPQL text, for the lists whose specs still have
 * {@link ListSpec.Filter JPQL filters}; the text is built from the spec's constant paths and the
 * request's values are bound as parameters. The lists of keys, users, audit events, workspaces and
 * webhooks run as Criteria queries instead; once the others move, this class goes.
 */
final class JpqlList {

    private JpqlList() {
    }

    static <E> ListQuery.Page<E> fetch(ListQuery q, EntityManager em, Class<E> type, String baseWhere,
            Map<String, Object> baseParams) {
        List<String> clauses = new ArrayList<>();
        Map<String, Object> all = new HashMap<>(q.params());
        if (baseWhere != null && !baseWhere.isBlank()) {
            clauses.add(baseWhere);
        }
        q.bounds().forEach((name, instant) -> {
            String param = name.replace("_", "");
            clauses.add("e." + ListQuery.attribute(q.boundPath(name)) + (name.endsWith("_after") ? " > :" : " < :") + param);
            all.put(param, instant);
        });
        if (q.searchPattern() != null) {
            clauses.add("(" + String.join(" or ", q.spec().searchable().stream()
                    .map(p -> "lower(e." + ListQuery.attribute(p) + ") like :search escape '\\'").toList()) + ")");
            all.put("search", q.searchPattern());
        }
        clauses.addAll(q.where());
        String whereClause = clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
        String orderBy = String.join(", ", q.sort().stream()
                .map(key -> "e." + ListQuery.attribute(key.path()) + (key.desc() ? " desc" : " asc")).toList());
        String entity = type.getSimpleName();
        TypedQuery<Long> count = em.createQuery("select count(e) from " + entity + " e" + whereClause, Long.class);
        TypedQuery<E> list = em.createQuery("select e from " + entity + " e" + whereClause + " order by " + orderBy, type);
        all.putAll(baseParams);
        all.forEach((k, v) -> {
            count.setParameter(k, v);
            list.setParameter(k, v);
        });
        long total = count.getSingleResult();
        List<E> items = q.offset() >= total ? List.of()
                : list.setFirstResult((int) Math.min(q.offset(), Integer.MAX_VALUE)).setMaxResults(q.perPage()).getResultList();
        return new ListQuery.Page<>(items, total, q.perPage(), q.offset(), q.offsetStyle(), q.fields());
    }
}
