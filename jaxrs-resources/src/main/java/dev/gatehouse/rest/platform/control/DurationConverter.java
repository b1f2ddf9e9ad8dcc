package dev.gatehouse.rest.platform.control;

import dev.gatehouse.webhooks.RetrySchedule;
import jakarta.annotation.Priority;
import java.time.Duration;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * Reads every {@code Duration} setting ({@code @ConfigProperty Duration …}) in the one format the
 * retry schedule uses: a whole number followed by {@code ms}, {@code s}, {@code m}, {@code h} or
 * {@code d} ({@code 500ms}, {@code 15s}, {@code 5m}, {@code 24h}, {@code 5d}). Registered through
 * {@code META-INF/services}; its priority wins over the implicit {@code Duration.parse} converter,
 * so {@code PT15S} is refused like any other malformed value, naming the value.
 */
@Priority(200)
public class DurationConverter implements Converter<Duration> {

    @Override
    public Duration convert(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        try {
            return RetrySchedule.parseDelay(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 500ms, 15s, 5m, 24h or 5d");
        }
    }
}
