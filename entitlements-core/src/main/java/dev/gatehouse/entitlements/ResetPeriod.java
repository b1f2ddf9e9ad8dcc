package dev.gatehouse.entitlements;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/**
 * The period after which a {@link FeatureKind#METERED} feature starts counting from zero again.
 *
 * <p>Periods are aligned to UTC calendar boundaries, never to the workspace's sign-up date: a day
 * starts at 00:00Z, a week on Monday 00:00Z (ISO-8601), a month on the 1st at 00:00Z and a year on
 * 1 January at 00:00Z. Every instance of Gatehouse therefore agrees on the current period without
 * coordination.
 */
public enum ResetPeriod {
    /** From 00:00Z to the next 00:00Z. */
    DAILY,
    /** From Monday 00:00Z to the next Monday 00:00Z (ISO-8601 week). */
    WEEKLY,
    /** From the 1st of the month 00:00Z to the 1st of the next month. */
    MONTHLY,
    /** From 1 January 00:00Z to the next 1 January. */
    YEARLY;

    /** The start of the period that contains {@code now}. */
    Instant start(Instant now) {
        return startDate(LocalDate.ofInstant(now, ZoneOffset.UTC)).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The start of the period after the one that contains {@code now}. */
    Instant next(Instant now) {
        LocalDate start = startDate(LocalDate.ofInstant(now, ZoneOffset.UTC));
        LocalDate next = switch (this) {
            case DAILY -> start.plusDays(1);
            case WEEKLY -> start.plusWeeks(1);
            case MONTHLY -> start.plusMonths(1);
            case YEARLY -> start.plusYears(1);
        };
        return next.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private LocalDate startDate(LocalDate day) {
        return switch (this) {
            case DAILY -> day;
            case WEEKLY -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTHLY -> day.withDayOfMonth(1);
            case YEARLY -> day.withDayOfYear(1);
        };
    }
}
