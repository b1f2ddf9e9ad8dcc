package dev.gatehouse.rest.portal.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The portal's settings ({@code gatehouse.portal.*}, or {@code GATEHOUSE_PORTAL_*}): the white
 * label, who may frame the page, how long links and sessions live, and the scopes a link gets when
 * its minter names none. A malformed value fails the deployment with a message naming it.
 */
@ApplicationScoped
public class PortalSettings {

    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]+(:\\d{1,5})?");
    static final int MAX_PRODUCT_NAME = 64;
    static final int MAX_LOGO_URL = 500;

    @Inject
    @ConfigProperty(name = "gatehouse.portal.product-name", defaultValue = "Gatehouse")
    String productName;

    @Inject
    @ConfigProperty(name = "gatehouse.portal.logo-url")
    Optional<String> logoUrl;

    @Inject
    @ConfigProperty(name = "gatehouse.portal.primary-color", defaultValue = "#1d4ed8")
    String primaryColor;

    @Inject
    @ConfigProperty(name = "gatehouse.portal.frame-ancestors")
    Optional<String> frameAncestors;

    @Inject
    @ConfigProperty(name = "gatehouse.portal.link-ttl-seconds", defaultValue = "300")
    long linkTtlSeconds;

    @Inject
    @ConfigProperty(name = "gatehouse.portal.session-seconds", defaultValue = "3600")
    long sessionSeconds;

    @Inject
    @ConfigProperty(name = "gatehouse.portal.max-session-seconds", defaultValue = "86400")
    long maxSessionSeconds;

    @Inject
    @ConfigProperty(name = "gatehouse.portal.default-scopes", defaultValue = "api-keys:read api-keys:write api-keys:delete"
            + " webhooks:read webhooks:write webhooks:delete entitlements:read audit:read")
    String defaultScopes;

    @Inject
    @ConfigProperty(name = "gatehouse.portal.base-url")
    Optional<String> baseUrl;

    private Branding branding;
    private List<String> ancestors;

    @PostConstruct
    void check() {
        String logo = logoUrl.filter(s -> !s.isBlank()).orElse(null);
        List<String> problems = new ArrayList<>();
        problem(productNameProblem(productName), "product-name", problems);
        problem(logo == null ? null : logoUrlProblem(logo), "logo-url", problems);
        problem(colorProblem(primaryColor), "primary-color", problems);
        ancestors = new ArrayList<>();
        for (String origin : frameAncestors.orElse("").split("[,\\s]+")) {
            if (origin.isBlank()) {
                continue;
            }
            if (!ORIGIN.matcher(origin).matches()) {
                problems.add("gatehouse.portal.frame-ancestors: " + origin + " is not an origin such as https://app.example.com");
            }
            ancestors.add(origin.toLowerCase(Locale.ROOT));
        }
        if (linkTtlSeconds < 10 || linkTtlSeconds > 86_400) {
            problems.add("gatehouse.portal.link-ttl-seconds must be 10 to 86400 but is " + linkTtlSeconds);
        }
        if (maxSessionSeconds < 60 || sessionSeconds < 60 || sessionSeconds > maxSessionSeconds) {
            problems.add("gatehouse.portal.session-seconds must be 60 to max-session-seconds (" + maxSessionSeconds
                    + ") but is " + sessionSeconds);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Portal settings: " + String.join("; ", problems));
        }
        branding = new Branding(productName, logo, primaryColor.toLowerCase(Locale.ROOT));
        ancestors = List.copyOf(ancestors);
    }

    private static void problem(String problem, String property, List<String> problems) {
        if (problem != null) {
            problems.add("gatehouse.portal." + property + " " + problem);
        }
    }

    /** The deployment's white label. */
    public Branding branding() {
        return branding;
    }

    /** Origins that may frame the portal; empty: nobody may. */
    public List<String> frameAncestors() {
        return ancestors;
    }

    public Duration linkTtl() {
        return Duration.ofSeconds(linkTtlSeconds);
    }

    public Duration sessionLifetime() {
        return Duration.ofSeconds(sessionSeconds);
    }

    public Duration maxSessionLifetime() {
        return Duration.ofSeconds(maxSessionSeconds);
    }

    /** The scopes of a link whose minter names none. */
    public List<String> defaultScopes() {
        return List.of(defaultScopes.trim().split("[,\\s]+"));
    }

    /** The absolute URL of the portal page if configured (behind a proxy), else empty. */
    public Optional<String> baseUrl() {
        return baseUrl.filter(s -> !s.isBlank()).map(s -> s.endsWith("/") ? s : s + "/");
    }

    /** Why a product name is unacceptable, or null. */
    public static String productNameProblem(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_PRODUCT_NAME) {
            return "must be 1 to " + MAX_PRODUCT_NAME + " characters.";
        }
        return null;
    }

    /** Why a logo URL is unacceptable, or null: https only (the page's CSP allows https images), at most 500 characters. */
    public static String logoUrlProblem(String url) {
        if (url.length() > MAX_LOGO_URL) {
            return "must be at most " + MAX_LOGO_URL + " characters.";
        }
        try {
            URI uri = new URI(url);
            if (uri.getHost() != null && "https".equals(uri.getScheme())) {
                return null;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        return "must be an https URL.";
    }

    /** Why a colour is unacceptable, or null. */
    public static String colorProblem(String color) {
        return color != null && COLOR.matcher(color).matches() ? null : "must be a colour like #1d4ed8.";
    }
}
