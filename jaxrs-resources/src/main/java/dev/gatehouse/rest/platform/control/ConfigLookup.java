package dev.gatehouse.rest.platform.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * The one reader of Gatehouse settings for code that CDI does not inject: the data source the
 * container instantiates, the start-up failure report. CDI beans take {@code @ConfigProperty}
 * instead; both see the same values where MicroProfile Config is there.
 *
 * <p>Where the server offers MicroProfile Config for the application, a value comes from it (system
 * properties, environment, the WAR's {@code META-INF/microprofile-config.properties}, and whatever
 * sources the server adds). Where it has none, or has not enabled it for the application yet (GlassFish,
 * while the data source opens its first connection: "No ConfigProviderResolver implementation
 * found"), the same three standard sources are read here, in MicroProfile Config's order: the system
 * property, then the environment variable ({@code gatehouse.db.url} → {@code GATEHOUSE_DB_URL}),
 * then the WAR's {@code microprofile-config.properties}.
 */
public final class ConfigLookup {

    private static final String DEFAULTS_FILE = "META-INF/microprofile-config.properties";

    /** Read once: the file is part of the deployment and this class is loaded per deployment. */
    private static volatile Properties defaults;

    private ConfigLookup() {
    }

    /** A setting, trimmed; empty when it is unset or blank. */
    public static Optional<String> value(String name) {
        return value(MicroProfile.source(), name);
    }

    /** A true/false setting; anything but {@code true} (any case) is false, as in MicroProfile Config. */
    public static boolean flag(String name, boolean fallback) {
        return value(name).map(v -> v.equalsIgnoreCase("true")).orElse(fallback);
    }

    /**
     * From the MicroProfile Config source when there is one (non-null), else from the standard
     * sources read here.
     */
    static Optional<String> value(Function<String, Optional<String>> microProfile, String name) {
        Optional<String> raw = microProfile != null ? microProfile.apply(name)
                : Optional.ofNullable(System.getProperty(name))
                        .or(() -> environment(name))
                        .or(() -> Optional.ofNullable(defaults().getProperty(name)));
        return raw.map(String::trim).filter(v -> !v.isEmpty());
    }

    /** MicroProfile Config's environment lookup: the exact name, then non-alphanumerics as '_', then upper case. */
    static Optional<String> environment(String name) {
        String sanitized = name.replaceAll("[^A-Za-z0-9_]", "_");
        return Optional.ofNullable(System.getenv(name))
                .or(() -> Optional.ofNullable(System.getenv(sanitized)))
                .or(() -> Optional.ofNullable(System.getenv(sanitized.toUpperCase(Locale.ROOT))));
    }

    /** The WAR's own defaults file; the lowest-priority source. */
    static Properties defaults() {
        Properties read = defaults;
        if (read == null) {
            read = readDefaults();
            defaults = read;
        }
        return read;
    }

    private static Properties readDefaults() {
        Properties merged = new Properties();
        try {
            Enumeration<URL> files = ConfigLookup.class.getClassLoader().getResources(DEFAULTS_FILE);
            while (files.hasMoreElements()) {
                Properties one = new Properties();
                try (InputStream in = files.nextElement().openStream()) {
                    one.load(in);
                }
                one.forEach(merged::putIfAbsent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULTS_FILE, e);
        }
        return merged;
    }

    /**
     * Every reference to the MicroProfile Config API, kept in a class of its own so that a server
     * without it fails here, inside the catch, and not when {@link ConfigLookup} is loaded.
     */
    private static final class MicroProfile {

        static Function<String, Optional<String>> source() {
            try {
                org.eclipse.microprofile.config.Config config =
                        org.eclipse.microprofile.config.ConfigProvider.getConfig(ConfigLookup.class.getClassLoader());
                return name -> config.getOptionalValue(name, String.class);
            } catch (IllegalStateException | java.util.ServiceConfigurationError | LinkageError notAvailable) {
                return null;
            }
        }
    }
}
