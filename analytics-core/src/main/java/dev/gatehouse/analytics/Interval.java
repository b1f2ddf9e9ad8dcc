package dev.gatehouse.analytics;

import java.util.Locale;

/** The step of a stats time series. */
public enum Interval {
    HOUR, DAY, MONTH;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
