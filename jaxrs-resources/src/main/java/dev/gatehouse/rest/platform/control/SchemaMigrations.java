package dev.gatehouse.rest.platform.control;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the Flyway migrations under {@code db/migration}, which own the schema on H2 and on
 * PostgreSQL alike. A database that carries a migration this build does not know (a newer
 * Gatehouse ran against it) is refused with a message that says so, instead of being used.
 */
public final class SchemaMigrations {

    private SchemaMigrations() {
    }

    /** Migrates the database behind the data source; returns how many migrations were applied. */
    public static int migrate(DataSource dataSource) {
        Flyway flyway = Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .table("gatehouse_schema_history")
                .ignoreMigrationPatterns(new String[0]) // nothing ignored: an unknown applied migration fails validation
                .validateOnMigrate(true)
                .load();
        for (MigrationInfo info : flyway.info().all()) {
            if (info.getState() == MigrationState.FUTURE_SUCCESS || info.getState() == MigrationState.FUTURE_FAILED) {
                throw new IllegalStateException("the database has migration V" + info.getVersion() + " ("
                        + info.getDescription() + ") applied, which this Gatehouse build does not know. "
                        + "It was written by a newer Gatehouse: run that version, or point GATEHOUSE_DB_URL at another database.");
            }
        }
        try {
            MigrateResult result = flyway.migrate();
            return result.migrationsExecuted;
        } catch (FlywayException e) {
            throw new IllegalStateException("database migration failed: " + e.getMessage(), e);
        }
    }
}
