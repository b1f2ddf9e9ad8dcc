package dev.gatehouse.rest.platform.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * Migrations found without a class-path scan: a class loader that, as Open Liberty's does inside a
 * WAR, answers for files but lists no directory, hides every migration from Flyway's own scan; the
 * build's listing still finds them all.
 */
class SchemaMigrationsTest {

    /** Serves files as the test class path does; a directory lookup ("db/migration") finds nothing. */
    private static final class NoDirectoryListing extends ClassLoader {
        NoDirectoryListing(ClassLoader files) {
            super(files);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            String last = name.substring(name.lastIndexOf('/', name.length() - 2) + 1);
            return last.contains(".") ? super.getResources(name) : Collections.emptyEnumeration();
        }

        @Override
        public URL getResource(String name) {
            String last = name.substring(name.lastIndexOf('/', name.length() - 2) + 1);
            return last.contains(".") ? super.getResource(name) : null;
        }
    }

    private static JdbcDataSource freshH2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:migrations_" + UUID.randomUUID().toString().replace("-", "")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        return ds;
    }

    @Test
    void flywaysOwnScan_withAClassLoaderThatListsNoDirectory_findsNothing() {
        // The control for the next test: the stand-in class loader reproduces the failure.
        ClassLoader liberty = new NoDirectoryListing(getClass().getClassLoader());
        Flyway plain = Flyway.configure(liberty).dataSource(freshH2()).locations("classpath:db/migration").load();
        assertThat(plain.info().pending()).isEmpty();
    }

    @Test
    void migrate_withAClassLoaderThatListsNoDirectory_appliesEveryListedMigration() throws SQLException {
        ClassLoader liberty = new NoDirectoryListing(getClass().getClassLoader());
        JdbcDataSource db = freshH2();
        long shared = ListedMigrations.index(liberty).stream().filter(p -> p.startsWith("db/migration/")).count();

        int applied = SchemaMigrations.migrate(db, liberty);

        assertThat(applied).isEqualTo(shared).isPositive();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM gatehouse_schema_history WHERE success AND version IS NOT NULL")) {
            r.next();
            assertThat(r.getLong(1)).isEqualTo(shared);
        }
    }

    @Test
    void migrate_ofADatabaseANewerBuildMigrated_isRefusedAndNamesTheMigration() throws SQLException {
        JdbcDataSource db = freshH2();
        SchemaMigrations.migrate(db);
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO gatehouse_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, execution_time, success) VALUES (999, '999', 'from the future', 'SQL',"
                    + " 'V999__from_the_future.sql', 0, 'sa', 1, TRUE)");
        }

        assertThatThrownBy(() -> SchemaMigrations.migrate(db))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("migration V999 (from the future) applied, which this Gatehouse build does not know");
    }

    @Test
    void migrate_ofAMigratedDatabase_appliesNothing() {
        JdbcDataSource db = freshH2();
        assertThat(SchemaMigrations.migrate(db)).isPositive();

        assertThat(SchemaMigrations.migrate(db)).isZero();
    }

    @Test
    void index_listsEverySqlFileUnderDb() throws IOException {
        Path resources = Path.of("src/main/resources");
        List<String> onDisk;
        try (Stream<Path> files = Files.walk(resources.resolve("db"))) {
            onDisk = files.filter(p -> p.toString().endsWith(".sql"))
                    .map(p -> resources.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
        assertThat(onDisk).isNotEmpty();
        assertThat(ListedMigrations.index(getClass().getClassLoader())).containsExactlyInAnyOrderElementsOf(onDisk);
    }

    @Test
    void in_takesOnlyTheGivenFolders() {
        ListedMigrations h2 = ListedMigrations.in(getClass().getClassLoader(), "db/migration", "db/vendor/h2");
        assertThat(h2.getResources("V", new String[] {".sql"}))
                .extracting(r -> r.getAbsolutePath())
                .allMatch(p -> p.startsWith("db/migration/") || p.startsWith("db/vendor/h2/"))
                .noneMatch(p -> p.startsWith("db/vendor/postgresql/"));
    }
}
