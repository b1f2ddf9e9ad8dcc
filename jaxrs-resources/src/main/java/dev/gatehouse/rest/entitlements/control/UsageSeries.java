package dev.gatehouse.rest.entitlements.control;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Usage over time for charts: the recorded usage of each UTC day or month in a range, with the
 * days or months without usage as zeros, so a chart has one point per step.
 */
public final class UsageSeries {

    /** The step of a series. */
    public enum Interval { DAY, MONTH }

    /** One step: its first day and the usage recorded in it. */
    public record Point(LocalDate start, long quantity) {
    }

    /** The most points one request may ask for: a year of days or ten years of months. */
    public static final int MAX_DAYS = 366;
    public static final int MAX_MONTHS = 120;

    private UsageSeries() {
    }

    /** Zero-filled points from {@code from} to {@code to} (inclusive) out of per-day usage. */
    public static List<Point> of(List<JpaUsageStore.DailyUsage> days, LocalDate from, LocalDate to, Interval interval) {
        Map<LocalDate, Long> byStart = new LinkedHashMap<>();
        if (interval == Interval.DAY) {
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                byStart.put(d, 0L);
            }
            days.forEach(u -> byStart.computeIfPresent(u.day(), (d, q) -> q + u.quantity()));
        } else {
            for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
                byStart.put(m.atDay(1), 0L);
            }
            days.forEach(u -> byStart.computeIfPresent(YearMonth.from(u.day()).atDay(1), (d, q) -> q + u.quantity()));
        }
        List<Point> points = new ArrayList<>(byStart.size());
        byStart.forEach((start, quantity) -> points.add(new Point(start, quantity)));
        return points;
    }
}
