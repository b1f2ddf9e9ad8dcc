package dev.gatehouse.analytics;

import dev.gatehouse.errors.FieldErrors;
import dev.gatehouse.errors.ValidationException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One stats question, parsed from query parameters and checked:
 * {@code period} ({@code today}, {@code 7d}, {@code 30d} — the default —, {@code 90d}, {@code 12mo})
 * or {@code from} and {@code to} (UTC dates, both included, at most 731 days); {@code interval}
 * ({@code hour} for up to 31 days, {@code day}, {@code month}); {@code breakdown} by a
 * {@link Dimension}; {@code filters=page==/pricing;device==mobile} (combined with "and");
 * {@code sort} of the breakdown ({@code -visitors} by default; {@code visits}, {@code pageviews},
 * {@code events}, {@code value}); {@code page} and {@code per_page} (25, at most 100).
 *
 * @param from      the first day
 * @param to        the last day
 * @param interval  the series' step
 * @param breakdown the dimension to break down by, or null
 * @param filters   the filters, all of which must hold
 * @param sort      the breakdown's sort metric
 * @param ascending the sort direction
 * @param page      the breakdown page, from 1
 * @param perPage   rows per breakdown page
 */
public record StatsRequest(LocalDate from, LocalDate to, Interval interval, Dimension breakdown,
    Map<Dimension, String> filters, String sort, boolean ascending, int page, int perPage) {

    public static final int MAX_DAYS = 731;
    public static final int MAX_HOURLY_DAYS = 31;
    static final Set<String> PARAMETERS = Set.of("period", "from", "to", "interval", "breakdown", "filters", "sort",
        "page", "per_page");
    static final Set<String> SORTS = Set.of("visitors", "visits", "pageviews", "events", "value");

    public StatsRequest {
        filters = Map.copyOf(filters);
    }

    /** Parses single-valued query parameters; throws {@link ValidationException} naming every problem. */
    public static StatsRequest parse(Map<String, String> q, Clock clock) {
        FieldErrors errors = new FieldErrors();
        for (String name : q.keySet()) {
            if (!PARAMETERS.contains(name)) {
                errors.add(name, "is not a supported parameter here; supported: "
                    + PARAMETERS.stream().sorted().collect(Collectors.joining(", ")) + ".");
            }
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate from = today.minusDays(29);
        LocalDate to = today;
        if (q.containsKey("from") || q.containsKey("to")) {
            if (q.containsKey("period")) {
                errors.add("period", "give either period or from/to, not both.");
            }
            from = date(q.get("from"), "from", errors);
            to = date(q.get("to"), "to", errors);
            if (from != null && to != null && (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) >= MAX_DAYS)) {
                errors.add("to", "must be on or after from, at most " + MAX_DAYS + " days later.");
            }
        } else if (q.containsKey("period")) {
            switch (q.get("period")) {
                case "today" -> from = today;
                case "7d" -> from = today.minusDays(6);
                case "30d" -> from = today.minusDays(29);
                case "90d" -> from = today.minusDays(89);
                case "12mo" -> from = today.minusMonths(12).plusDays(1);
                default -> errors.add("period", "must be today, 7d, 30d, 90d or 12mo.");
            }
        }
        Interval interval = Interval.DAY;
        if (q.containsKey("interval")) {
            try {
                interval = Interval.valueOf(q.get("interval").toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add("interval", "must be hour, day or month.");
            }
        }
        if (interval == Interval.HOUR && from != null && to != null && ChronoUnit.DAYS.between(from, to) >= MAX_HOURLY_DAYS) {
            errors.add("interval", "hour is available for periods of up to " + MAX_HOURLY_DAYS + " days.");
        }
        Dimension breakdown = null;
        if (q.containsKey("breakdown")) {
            try {
                breakdown = Dimension.fromWireName(q.get("breakdown"));
            } catch (IllegalArgumentException e) {
                errors.add("breakdown", "must be one of " + dimensions() + ".");
            }
        }
        Map<Dimension, String> filters = new EnumMap<>(Dimension.class);
        String rawFilters = q.get("filters");
        if (rawFilters != null) {
            for (String part : rawFilters.split(";", -1)) {
                int eq = part.indexOf("==");
                if (eq <= 0) {
                    errors.add("filters", "'" + abbreviate(part) + "' is not dimension==value; e.g. filters=page==/pricing;device==mobile.");
                    continue;
                }
                String value = part.substring(eq + 2);
                try {
                    Dimension d = Dimension.fromWireName(part.substring(0, eq).trim());
                    if (value.isEmpty() || value.length() > Pixel.MAX_URL) {
                        errors.add("filters", d.wireName() + " needs a value of 1 to " + Pixel.MAX_URL + " characters.");
                    } else if (filters.put(d, value) != null) {
                        errors.add("filters", d.wireName() + " is given twice.");
                    }
                } catch (IllegalArgumentException e) {
                    errors.add("filters", "'" + abbreviate(part.substring(0, eq)) + "' is not a dimension; use " + dimensions() + ".");
                }
            }
        }
        String sort = "visitors";
        boolean ascending = false;
        if (q.containsKey("sort")) {
            String s = q.get("sort").trim();
            ascending = !s.startsWith("-");
            sort = ascending ? s : s.substring(1);
            if (!SORTS.contains(sort)) {
                errors.add("sort", "must be one of visitors, visits, pageviews, events, value, optionally with a leading '-'.");
            }
        }
        int page = (int) number(q.get("page"), "page", 1, 1, 100_000, errors);
        int perPage = (int) number(q.get("per_page"), "per_page", 25, 1, 100, errors);
        errors.throwIfAny();
        return new StatsRequest(from, to, interval, breakdown, filters, sort, ascending, page, perPage);
    }

    /** The number of days in the period. */
    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    private static LocalDate date(String value, String field, FieldErrors errors) {
        if (value == null) {
            errors.add(field, "is required with " + (field.equals("from") ? "to" : "from") + ": a date such as 2026-01-15.");
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.add(field, "must be a date such as 2026-01-15.");
            return null;
        }
    }

    private static long number(String value, String field, long fallback, long min, long max, FieldErrors errors) {
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
        errors.add(field, "must be an integer from " + min + " to " + max + ".");
        return fallback;
    }

    private static String dimensions() {
        return Arrays.stream(Dimension.values()).map(Dimension::wireName).collect(Collectors.joining(", "));
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
