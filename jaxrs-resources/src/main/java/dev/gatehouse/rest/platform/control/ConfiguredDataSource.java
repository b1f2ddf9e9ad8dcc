package dev.gatehouse.rest.platform.control;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The one JDBC data source the WAR declares (see {@code WEB-INF/web.xml}); the container pools it
 * and enlists it in JTA transactions.
 *
 * <p>It reads {@code gatehouse.db.url}, {@code gatehouse.db.user} and {@code gatehouse.db.password}
 * through {@link ConfigLookup} when it opens a connection, so {@code GATEHOUSE_DB_URL} and friends switch
 * a deployment from the embedded H2 file database to PostgreSQL without repackaging. Reading the
 * values here, instead of through {@code ${MPCONFIG=…}} expressions in the deployment descriptor,
 * keeps it working on any Jakarta EE server and sees the application's own config defaults.
 */
public class ConfiguredDataSource implements DataSource {

    /** The embedded default: a file database under {@code ./gatehouse-data}, in PostgreSQL mode. */
    public static final String DEFAULT_URL =
            "jdbc:h2:file:./gatehouse-data/gatehouse;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    /** Whether this data source (the container makes one per deployment) ever opened a connection. */
    private final AtomicBoolean connected = new AtomicBoolean();
    private final AtomicBoolean startFailureReported = new AtomicBoolean();

    private volatile int loginTimeout;

    @Override
    public Connection getConnection() throws SQLException {
        Settings s = Settings.read();
        return open(s.url(), s.user(), s.password());
    }

    /**
     * With the given credentials, or the configured ones when none are given: WildFly's pool calls
     * this with a null user for a {@code <data-source>} that names none.
     */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        Settings s = Settings.read();
        return username == null || username.isEmpty()
                ? open(s.url(), s.user(), s.password())
                : open(s.url(), username, password);
    }

    /**
     * Opens a connection. When the very first one fails — PostgreSQL down or refusing the
     * credentials at start-up — the start-up fails in plain words ({@link StartupFailure}: the jar
     * exits), instead of Hibernate's "Unable to determine Dialect without JDBC metadata" and a server
     * running without the application. Later failures are the pool's to report and retry.
     */
    private Connection open(String url, String user, String password) throws SQLException {
        loadDriverFor(url);
        try {
            Connection connection = DriverManager.getConnection(url, user == null ? "" : user, password == null ? "" : password);
            connected.set(true);
            return connection;
        } catch (SQLException e) {
            if (!connected.get() && startFailureReported.compareAndSet(false, true)) {
                StartupFailure.report("cannot connect to the database " + Settings.shown(url) + " as " + user + ": "
                        + e.getMessage(), e);
            }
            throw e;
        }
    }

    /** Registers the bundled driver for the URL with DriverManager from this class loader. */
    static void loadDriverFor(String url) throws SQLException {
        String driver = url.startsWith("jdbc:h2:") ? "org.h2.Driver"
                : url.startsWith("jdbc:postgresql:") ? "org.postgresql.Driver" : null;
        if (driver == null) {
            return; // another driver the operator put on the class path registers itself
        }
        try {
            Class.forName(driver, true, ConfiguredDataSource.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new SQLException("JDBC driver " + driver + " is not on the class path", e);
        }
    }

    /** The connection settings, read through {@link ConfigLookup} with the embedded defaults. */
    public record Settings(String url, String user, String password) {
        public static Settings read() {
            String url = closedByTheApplication(ConfigLookup.value("gatehouse.db.url").orElse(DEFAULT_URL));
            String user = ConfigLookup.value("gatehouse.db.user").orElse(url.startsWith("jdbc:h2:") ? "sa" : "postgres");
            String password = ConfigLookup.value("gatehouse.db.password").orElse("");
            return new Settings(url, user, password);
        }

        /**
         * A URL as it may be logged: without its query ({@code ?password=…}) or, for H2, its settings
         * after the first {@code ;}.
         */
        public static String shown(String url) {
            int cut = url.indexOf(url.startsWith("jdbc:h2:") ? ';' : '?');
            return cut < 0 ? url : url.substring(0, cut);
        }

        public boolean isH2() {
            return url.startsWith("jdbc:h2:");
        }

        /**
         * An H2 URL with {@code DB_CLOSE_ON_EXIT=FALSE} unless it says otherwise. H2 otherwise closes
         * the database from a JVM shutdown hook, which runs alongside the server's own shutdown:
         * on WildFly it closed the database before the application's last flush of key usage ("Database
         * is already closed"). The application closes it instead: {@link EmbeddedDatabaseHold} lets go
         * after that flush, and the pool's connections close with the data source. Not with
         * {@code AUTO_SERVER=TRUE}, which H2 refuses to combine with it (the database is then shared
         * with other processes, and H2 keeps closing it itself).
         */
        static String closedByTheApplication(String url) {
            String upper = url.toUpperCase(java.util.Locale.ROOT);
            if (!url.startsWith("jdbc:h2:") || upper.contains(";DB_CLOSE_ON_EXIT=") || upper.contains(";AUTO_SERVER=TRUE")) {
                return url;
            }
            return url + ";DB_CLOSE_ON_EXIT=FALSE";
        }

        @Override
        public String toString() {
            return "Settings[url=" + shown(url) + ", user=" + user + ", password=***]";
        }
    }

    @Override
    public PrintWriter getLogWriter() {
        return DriverManager.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        DriverManager.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
