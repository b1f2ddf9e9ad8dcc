package dev.gatehouse.rest.platform.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps an embedded H2 database open from the application's start to its stop. H2 closes a
 * database when its last connection closes; a server whose pool drops idle connections (or closes
 * them all before the application's last writes) would otherwise close it in mid-life, and the next
 * connection would pay for opening it again. One connection of its own, opened at start and closed
 * by {@link GatehouseStartup} after the last flush, holds it open exactly as long as the application
 * runs — unlike {@code DB_CLOSE_DELAY=-1}, which keeps it open after an undeploy too and so blocks a
 * redeploy in the same JVM (the file stays locked by the old deployment's H2). Nothing is held for
 * any other database.
 */
final class EmbeddedDatabaseHold implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabaseHold.class.getName());

    private final Connection connection;

    private EmbeddedDatabaseHold(Connection connection) {
        this.connection = connection;
    }

    /** Opens the hold when the configured database is H2; holds nothing otherwise. */
    static EmbeddedDatabaseHold open() {
        ConfiguredDataSource.Settings settings = ConfiguredDataSource.Settings.read();
        if (!settings.isH2()) {
            return new EmbeddedDatabaseHold(null);
        }
        try {
            return new EmbeddedDatabaseHold(new ConfiguredDataSource().getConnection());
        } catch (SQLException e) {
            throw StartupFailure.report("cannot open the H2 database " + ConfiguredDataSource.Settings.shown(settings.url()) + ": " + e.getMessage(), e);
        }
    }

    /** Whether a connection is being held (H2 only). */
    boolean holding() {
        return connection != null;
    }

    @Override
    public void close() {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Could not close the connection that kept the H2 database open", e);
        }
    }
}
