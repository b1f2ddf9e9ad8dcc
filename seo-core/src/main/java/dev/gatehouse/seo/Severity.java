package dev.gatehouse.seo;

import java.util.Locale;
import java.util.Optional;

/** How much an issue matters: {@code error}, {@code warning} or {@code notice}. */
public enum Severity {
    ERROR, WARNING, NOTICE;

    /**
     * Returns the API name.
     *
     * @return {@code error}, {@code warning} or {@code notice}
     */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Finds a severity by its API name.
     *
     * @param name {@code error}, {@code warning} or {@code notice}
     * @return the severity, or empty for any other text
     */
    public static Optional<Severity> fromApiName(String name) {
        for (Severity s : values()) {
            if (s.apiName().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
