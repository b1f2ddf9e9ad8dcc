package dev.gatehouse.rest.platform.control;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The one JDBC data source the WAR declares (see {@code WEB-INF/web.xml}); the container pools it
 * and enlists it in JTA transactions.
 *
 * <p>It reads {@code gatehouse.db.url}, {@code gatehouse.db.user} and {@code gatehouse.db.password}
 * from MicroProfile Config when it opens a connection, so {@code GATEHOUSE_DB_URL} and friends switch
 * a deployment from the embedded H2 file database to PostgreSQL without repackaging. Reading the
 * values here, instead of through {@code ${MPCONFIG=…}} expressions in the deployment descriptor,
 * keeps it working on any Jakarta EE server and sees the application's own config defaults.
 */
public class ConfiguredDataSource implements DataSource {

    /** The embedded default: a file database under {@code ./gatehouse-data}, in PostgreSQL mode. */
    public static final String DEFAULT_URL =
            "jdbc:h2:file:./gatehouse-data/gatehouse;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    private volatile int loginTimeout;

    @Override
    public Connection getConnection() throws SQLException {
        Settings s = Settings.read();
        return open(s.url(), s.user(), s.password());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return open(Settings.read().url(), username, password);
    }

    private static Connection open(String url, String user, String password) throws SQLException {
        loadDriverFor(url);
        return DriverManager.getConnection(url, user == null ? "" : user, password == null ? "" : password);
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

    /** The connection settings, read from MicroProfile Config with the embedded defaults. */
    public record Settings(String url, String user, String password) {
        public static Settings read() {
            Config config = config();
            String url = value(config, "gatehouse.db.url").orElse(DEFAULT_URL);
            String user = value(config, "gatehouse.db.user").orElse(url.startsWith("jdbc:h2:") ? "sa" : "postgres");
            String password = value(config, "gatehouse.db.password").orElse("");
            return new Settings(url, user, password);
        }

        /**
         * The application's MicroProfile Config, or null where the server has none, or has not
         * enabled it for the application yet when the data source first opens a connection
         * (GlassFish: "No ConfigProviderResolver implementation found").
         */
        private static Config config() {
            try {
                return ConfigProvider.getConfig(ConfiguredDataSource.class.getClassLoader());
            } catch (IllegalStateException | java.util.ServiceConfigurationError notAvailable) {
                return null;
            }
        }

        /** From MicroProfile Config, else (no Config) the system property, else the environment variable. */
        static Optional<String> value(Config config, String name) {
            Optional<String> raw = config != null ? config.getOptionalValue(name, String.class)
                    : Optional.ofNullable(System.getProperty(name))
                            .or(() -> Optional.ofNullable(System.getenv(name.toUpperCase(java.util.Locale.ROOT)
                                    .replace('.', '_').replace('-', '_'))));
            return raw.map(String::trim).filter(v -> !v.isEmpty());
        }

        public boolean isH2() {
            return url.startsWith("jdbc:h2:");
        }

        @Override
        public String toString() {
            return "Settings[url=" + url + ", user=" + user + ", password=***]";
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
