package dev.gatehouse.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Prepares the database the deployed WAR runs on, before Arquillian starts Payara Micro: a fresh
 * H2 file database under {@code target/} for the {@code h2} run, a fresh PostgreSQL database for
 * the {@code postgres} run. Also fixes the root key through {@code gatehouse.bootstrap.key}, so the
 * tests know it. When PostgreSQL is unreachable the PostgreSQL run is skipped, unless {@code CI=true}:
 * then it fails.
 */
public class ItEnvironment implements LauncherSessionListener {

    /** The one origin the deployed Gatehouse allows for CORS. */
    static final String ALLOWED_ORIGIN = "https://app.example.test";

    private static volatile boolean prepared;
    private static volatile String skipReason;
    private static volatile String jdbcUrl;
    private static volatile String rootKey;

    /** PostgreSQL databases this JVM created, dropped when the test session ends. */
    private static final List<String> CREATED = new CopyOnWriteArrayList<>();

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("gatehouse.it.db") != null) { // only in the failsafe runs
            prepare();
        }
    }

    /**
     * Drops the PostgreSQL databases the run created ({@code -Dgatehouse.it.keep-databases=true}
     * keeps them for a look after a failure). {@code WITH (FORCE)} ends connections a server that
     * is still shutting down may hold.
     */
    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (CREATED.isEmpty() || Boolean.getBoolean("gatehouse.it.keep-databases")) {
            return;
        }
        try (Connection c = postgresAdmin(); Statement s = c.createStatement()) {
            for (String name : CREATED) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
            CREATED.clear();
        } catch (SQLException e) {
            System.err.println("[gatehouse-it] could not drop the test databases " + CREATED + ": " + e.getMessage());
        }
    }

    /** Creates a PostgreSQL database, remembered to be dropped when the session ends. */
    static void createPostgresDatabase(String name) throws SQLException {
        try (Connection c = postgresAdmin(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        CREATED.add(name);
    }

    private static Connection postgresAdmin() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + System.getProperty("gatehouse.it.pg.host", "127.0.0.1")
                + ":" + System.getProperty("gatehouse.it.pg.port", "5432") + "/postgres",
                System.getProperty("gatehouse.it.pg.user", "postgres"), System.getProperty("gatehouse.it.pg.password", ""));
    }

    static synchronized void prepare() {
        if (prepared) {
            return;
        }
        prepared = true;
        rootKey = TestKeys.newRootKey();
        String db = System.getProperty("gatehouse.it.db", "h2");
        String workdir = System.getProperty("gatehouse.it.workdir", "target");
        String stamp = Long.toString(System.currentTimeMillis(), 36);
        if (db.equals("postgres")) {
            String host = System.getProperty("gatehouse.it.pg.host", "127.0.0.1");
            String port = System.getProperty("gatehouse.it.pg.port", "5432");
            String user = System.getProperty("gatehouse.it.pg.user", "postgres");
            String password = System.getProperty("gatehouse.it.pg.password", "");
            String name = "gatehouse_it_" + stamp;
            try {
                createPostgresDatabase(name);
            } catch (SQLException e) {
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    throw new IllegalStateException("CI=true but PostgreSQL at " + host + ":" + port + " is unreachable: " + e.getMessage(), e);
                }
                skipReason = "PostgreSQL at " + host + ":" + port + " is unreachable (" + e.getMessage() + ")";
                System.err.println("[gatehouse-it] skipping the PostgreSQL run: " + skipReason);
            }
            jdbcUrl = "jdbc:postgresql://" + host + ":" + port + "/" + name;
            System.setProperty("gatehouse.it.jvm", "-Dgatehouse.db.url=" + jdbcUrl + " -Dgatehouse.db.user=" + user
                    + (password.isEmpty() ? "" : " -Dgatehouse.db.password=" + password) + " " + common());
        } else {
            Path dir = Path.of(workdir, "it-data", "h2-" + stamp).toAbsolutePath();
            try {
                Files.createDirectories(dir);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            jdbcUrl = "jdbc:h2:file:" + dir.resolve("gatehouse") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE";
            System.setProperty("gatehouse.it.jvm", "-Dgatehouse.db.url=" + jdbcUrl + " " + common());
        }
    }

    /** WebhooksIT: a retry schedule of seconds (3 attempts, no jitter) and two app event types. */
    static final String WEBHOOKS = " -Dgatehouse.webhooks.retry-schedule=0s,1s,1s -Dgatehouse.webhooks.retry-jitter=0"
            + " -Dgatehouse.webhooks.event-types=post.created=Published;post.updated=Edited";

    /** PortalIT: the HMAC secret host-signed JWTs are checked with (the deploying app's). */
    static final String JWT_SECRET = "portal-it-jwt-secret-of-at-least-32-bytes";

    private static String common() {
        return "-Dgatehouse.bootstrap.key=" + rootKey + " -Dgatehouse.webhooks.allow-http=true -Dgatehouse.webhooks.allow-private-targets=true"
                + " -Dgatehouse.app-scopes=posts:read;posts:write;posts:publish"
                + " -Dgatehouse.cors.allowed-origins=" + ALLOWED_ORIGIN
                + " -Dgatehouse.auth.jwt.hmac-secret=" + JWT_SECRET
                + WEBHOOKS;
    }

    /** The root key the deployed Gatehouse was started with. */
    public static String rootKey() {
        prepare();
        return rootKey;
    }

    /** The JDBC URL of the database under test, for tests that inspect stored rows. */
    public static String jdbcUrl() {
        prepare();
        return jdbcUrl;
    }

    public static boolean isPostgres() {
        return System.getProperty("gatehouse.it.db", "h2").toLowerCase(Locale.ROOT).equals("postgres");
    }

    /** Why this run is skipped, or null when it runs. */
    public static String skipReason() {
        prepare();
        return skipReason;
    }
}
