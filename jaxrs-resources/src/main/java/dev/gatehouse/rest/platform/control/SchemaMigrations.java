package dev.gatehouse.rest.platform.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the Flyway migrations under {@code db/migration}, which own the schema on H2 and on
 * PostgreSQL alike, and those under {@code db/vendor/<flyway database id>} for one database only
 * (a PostgreSQL partial index, say; {@code postgresql} or {@code h2}); both share one version sequence.
 * Flyway gets them from the build's listing ({@link ListedMigrations}), never from a class-path scan. A database that carries a migration this build does not know (a newer
 * Gatehouse ran against it) is refused with a message that says so, instead of being used.
 */
public final class SchemaMigrations {

    private SchemaMigrations() {
    }

    /** The shared migrations, and those of this database's kind (Flyway 9 has no {@code {vendor}} placeholder). */
    static String[] folders(DataSource dataSource) {
        String product;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database to migrate it: " + e.getMessage(), e);
        }
        String vendor = product.startsWith("postgresql") ? "postgresql" : product.startsWith("h2") ? "h2" : null;
        return vendor == null
                ? new String[] {"db/migration"}
                : new String[] {"db/migration", "db/vendor/" + vendor};
    }

    /** Migrates the database behind the data source; returns how many migrations were applied. */
    public static int migrate(DataSource dataSource) {
        return migrate(dataSource, SchemaMigrations.class.getClassLoader());
    }

    /** As {@link #migrate(DataSource)}, with the migrations read through the given class loader. */
    static int migrate(DataSource dataSource, ClassLoader loader) {
        String[] folders = folders(dataSource);
        ListedMigrations listed = ListedMigrations.in(loader, folders);
        Flyway flyway = Flyway.configure(loader)
                .dataSource(dataSource)
                .locations(java.util.Arrays.stream(folders).map(f -> "classpath:" + f).toArray(String[]::new))
                .resourceProvider(listed)
                .javaMigrationClassProvider(listed)
                .table("gatehouse_schema_history")
                .ignoreMigrationPatterns(new String[0]) // nothing ignored: an unknown applied migration fails validation
                .validateOnMigrate(true)
                .load();
        // One pass over the history table on the way up: migrate() validates first, and only when
        // that fails is the history read again (info()) to say whether a newer Gatehouse wrote it.
        try {
            MigrateResult result = flyway.migrate();
            return result.migrationsExecuted;
        } catch (FlywayException e) {
            try {
                refuseFutureMigrations(flyway);
            } catch (FlywayException unreadable) {
                e.addSuppressed(unreadable); // the history cannot be read again: report the first failure
            }
            throw new IllegalStateException("database migration failed: " + e.getMessage(), e);
        }
    }

    /** Refuses a database that carries a migration this build does not know, saying where it came from. */
    private static void refuseFutureMigrations(Flyway flyway) {
        for (MigrationInfo info : flyway.info().all()) {
            if (info.getState() == MigrationState.FUTURE_SUCCESS || info.getState() == MigrationState.FUTURE_FAILED) {
                throw new IllegalStateException("the database has migration V" + info.getVersion() + " ("
                        + info.getDescription() + ") applied, which this Gatehouse build does not know. "
                        + "It was written by a newer Gatehouse: run that version, or point GATEHOUSE_DB_URL at another database.");
            }
        }
    }
}
