package dev.gatehouse.rest.platform.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code gatehouse.cors.allowed-origins}: a comma list of origins such as
 * {@code https://app.example.com}, or {@code *} for any; none by default. A CDI bean so that
 * {@code @ConfigProperty} reaches the JAX-RS filter {@link Cors} on every server.
 */
@ApplicationScoped
public class CorsOrigins {

    @Inject
    @ConfigProperty(name = "gatehouse.cors.allowed-origins")
    Optional<String> setting = Optional.empty();

    private Set<String> allowed = Set.of();

    @PostConstruct
    void parse() {
        allowed = setting.map(CorsOrigins::parse).orElse(Set.of());
    }

    /** Whether a browser from {@code origin} may read our answers. */
    public boolean allows(String origin) {
        return allowed.contains("*") || allowed.contains(normalize(origin));
    }

    static Set<String> parse(String value) {
        return Arrays.stream(value.split(",")).map(CorsOrigins::normalize).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static String normalize(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }

    /**
     * What {@link Cors} adds to an answer to a request from {@code origin}: nothing without an
     * origin or when an earlier rule chose the allowed origin already; else {@code Vary: Origin},
     * and the allow and expose headers for an allowed origin. Also used by the pixel's path in
     * front of Jersey, so both answer with the same headers.
     */
    public void onResponse(String origin, ResponseHeaders headers) {
        if (origin == null || headers.has("Access-Control-Allow-Origin")) {
            return;
        }
        headers.add("Vary", "Origin");
        if (allows(origin)) {
            headers.set("Access-Control-Allow-Origin", origin);
            headers.set("Access-Control-Expose-Headers", Cors.EXPOSED_HEADERS);
        }
    }
}
