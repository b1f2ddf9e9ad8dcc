package dev.gatehouse.errors;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The one precondition style of the cores' builders: each setting may be made once — a second
 * call is a mistake (two places configure the same thing) and is refused, as Caffeine's builder
 * refuses it — and each argument is checked with a message naming the setting and the bad value.
 * One instance per builder; not thread-safe, like the builders.
 */
public final class BuilderSettings {

    private final Set<String> made = new HashSet<>();

    /** Creates the record of one builder's settings. */
    public BuilderSettings() {
    }

    /**
     * Records that a setting is made.
     *
     * @param setting the builder method's name, e.g. {@code clock}
     * @throws IllegalStateException if the setting was made before on this builder
     */
    public void once(String setting) {
        if (!made.add(Objects.requireNonNull(setting, "setting"))) {
            throw new IllegalStateException(setting + " was already set");
        }
    }

    /**
     * Checks that a setting's value is given.
     *
     * @param setting the setting's name
     * @param value the value
     * @param <T> the value's type
     * @return the value
     * @throws NullPointerException naming the setting, if the value is null
     */
    public static <T> T requireNonNull(String setting, T value) {
        return Objects.requireNonNull(value, () -> setting + " must not be null");
    }

    /**
     * Checks a lower bound.
     *
     * @param setting the setting's name
     * @param value the value
     * @param min the smallest value allowed
     * @return the value
     * @throws IllegalArgumentException naming the setting and the value, if it is below {@code min}
     */
    public static long requireAtLeast(String setting, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(setting + " must be at least " + min + " but was " + value);
        }
        return value;
    }
}
