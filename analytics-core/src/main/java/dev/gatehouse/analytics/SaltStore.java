package dev.gatehouse.analytics;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Where the daily salts live, shared by every instance so they all give a visitor the same id.
 * The only storage SPI of this core; {@link InMemorySaltStore} for one process, a JPA one in
 * jaxrs-resources.
 */
public interface SaltStore {

    /** The salt of a UTC day, if one was made. */
    Optional<byte[]> find(LocalDate day);

    /**
     * Keeps {@code salt} as the day's salt unless the day has one already, and returns the one kept
     * (another instance's, when it was first).
     */
    byte[] putIfAbsent(LocalDate day, byte[] salt);

    /** Deletes every salt of a day before {@code day}; returns how many. */
    int deleteBefore(LocalDate day);
}
