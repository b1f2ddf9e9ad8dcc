package dev.gatehouse.rest.portal.control;

/**
 * The portal's white label: product name, logo URL (may be null) and primary colour
 * ({@code #rrggbb}). The deployment sets it; a session may override any part.
 */
public record Branding(String productName, String logoUrl, String primaryColor) {

    /** This branding with the non-null parts of {@code override} in place of its own. */
    public Branding overriddenBy(Branding override) {
        if (override == null) {
            return this;
        }
        return new Branding(
                override.productName() != null ? override.productName() : productName,
                override.logoUrl() != null ? override.logoUrl() : logoUrl,
                override.primaryColor() != null ? override.primaryColor() : primaryColor);
    }
}
