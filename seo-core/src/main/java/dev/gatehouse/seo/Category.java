package dev.gatehouse.seo;

import java.util.Optional;

/** The four report categories, scored 0–100. */
public enum Category {
    PERFORMANCE("performance", "performance"),
    ACCESSIBILITY("accessibility", "accessibility"),
    BEST_PRACTICES("best_practices", "best-practices"),
    SEO("seo", "seo");

    private final String apiName;
    private final String lighthouseId;

    Category(String apiName, String lighthouseId) {
        this.apiName = apiName;
        this.lighthouseId = lighthouseId;
    }

    /**
     * Returns the name in Gatehouse's API and seed 001's {@code scores} object.
     *
     * @return for example {@code best_practices}
     */
    public String apiName() {
        return apiName;
    }

    /**
     * Returns the category id in a Lighthouse result.
     *
     * @return for example {@code best-practices}
     */
    public String lighthouseId() {
        return lighthouseId;
    }

    /**
     * Finds a category by its API name.
     *
     * @param apiName for example {@code seo}
     * @return the category, or empty when there is none of that name
     */
    public static Optional<Category> fromApiName(String apiName) {
        for (Category c : values()) {
            if (c.apiName.equals(apiName)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    static Optional<Category> fromLighthouseId(String id) {
        for (Category c : values()) {
            if (c.lighthouseId.equals(id)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
