package dev.gatehouse.rest.platform.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.flywaydb.core.api.ClassProvider;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * The migrations named in {@code db/migrations.index}, which the build writes (one class-path path a
 * line, every {@code .sql} under {@code db/}), handed to Flyway instead of letting it scan the class
 * path. A scan lists a directory's entries through the class loader, which not every server answers:
 * inside a WAR on Open Liberty it finds nothing without a server-specific {@code flyway.location}
 * marker. Reading named files works on every class loader. There are no Java migrations.
 */
final class ListedMigrations implements ResourceProvider, ClassProvider<JavaMigration> {

    static final String INDEX = "db/migrations.index";

    private final List<LoadableResource> resources;

    private ListedMigrations(List<LoadableResource> resources) {
        this.resources = resources;
    }

    /** The listed migrations in the given locations ({@code db/migration}, {@code db/vendor/h2}, …). */
    static ListedMigrations in(ClassLoader loader, String... locations) {
        List<LoadableResource> found = new ArrayList<>();
        for (String path : index(loader)) {
            for (String location : locations) {
                String folder = location.endsWith("/") ? location : location + "/";
                if (path.startsWith(folder)) {
                    found.add(new Listed(loader, path, path.substring(folder.length())));
                }
            }
        }
        return new ListedMigrations(List.copyOf(found));
    }

    /** The paths in the index, in its order. */
    static List<String> index(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(INDEX)) {
            if (in == null) {
                throw new IllegalStateException(INDEX + " is missing from the class path: the build writes it");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return reader.lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + INDEX, e);
        }
    }

    @Override
    public LoadableResource getResource(String name) {
        return resources.stream().filter(r -> r.getRelativePath().equals(name) || r.getAbsolutePath().equals(name))
                .findFirst().orElse(null);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return resources.stream()
                .filter(r -> r.getFilename().startsWith(prefix))
                .filter(r -> Arrays.stream(suffixes).anyMatch(r.getFilename()::endsWith))
                .toList();
    }

    @Override
    public Collection<Class<? extends JavaMigration>> getClasses() {
        return List.of();
    }

    /** One migration file, read through the class loader each time Flyway asks. */
    private static final class Listed extends LoadableResource {

        private final ClassLoader loader;
        private final String path;
        private final String relativePath;

        Listed(ClassLoader loader, String path, String relativePath) {
            this.loader = loader;
            this.path = path;
            this.relativePath = relativePath;
        }

        @Override
        public Reader read() {
            InputStream in = loader.getResourceAsStream(path);
            if (in == null) {
                throw new IllegalStateException("migration " + path + " is listed in " + INDEX + " but not on the class path");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        }

        @Override
        public String getAbsolutePath() {
            return path;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return path;
        }

        @Override
        public String getFilename() {
            return path.substring(path.lastIndexOf('/') + 1);
        }

        @Override
        public String getRelativePath() {
            return relativePath;
        }
    }
}
