package dev.gatehouse.it;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One WildFly with Gatehouse for the whole run, on a fresh PostgreSQL database, started on first use
 * and stopped (the database dropped) when the run ends. When PostgreSQL is unreachable the tests are
 * skipped, unless {@code CI=true}: then they fail.
 *
 * <p>Start-up is two deploys of the same WAR. The first has a malformed {@code gatehouse.secrets.key}
 * and must fail (the facts are kept for {@code WildFlyIT} to check: no root key printed or stored);
 * the second, after that setting is removed, must succeed and print the root key the tests use.
 */
final class WildFlyGatehouse implements ExecutionCondition, ExtensionContext.Store.CloseableResource {

    /** What the failed first deploy left behind. */
    record FailedDeploy(String failure, List<String> printedRootKeys, long storedRootKeys) {
    }

    private static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(5);

    private static WildFlyGatehouse instance;

    private final String database;
    private final String jdbcUrl;
    private final String skipReason;
    private WildFlyServer server;
    private FailedDeploy failedDeploy;
    private String rootKey;
    private String readiness;

    private WildFlyGatehouse(String database, String jdbcUrl, String skipReason) {
        this.database = database;
        this.jdbcUrl = jdbcUrl;
        this.skipReason = skipReason;
    }

    /** The JUnit extension's instance; starts nothing. */
    public WildFlyGatehouse() {
        this(null, null, null);
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        WildFlyGatehouse running = get(context);
        return running.skipReason == null ? ConditionEvaluationResult.enabled("WildFly is up")
                : ConditionEvaluationResult.disabled(running.skipReason);
    }

    /** The running server, started on the first call (its shutdown tied to the end of the run). */
    static synchronized WildFlyGatehouse get(ExtensionContext context) {
        if (instance == null) {
            instance = start();
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(WildFlyGatehouse.class, instance);
        }
        return instance;
    }

    static WildFlyGatehouse get() {
        if (instance == null || instance.server == null) {
            throw new IllegalStateException("WildFly is not running (the extension starts it)");
        }
        return instance;
    }

    private static WildFlyGatehouse start() {
        String name = "gatehouse_wildfly_" + Long.toString(System.currentTimeMillis(), 36);
        String url;
        try {
            url = WildFlyServer.createDatabase(name);
        } catch (SQLException e) {
            String reason = "PostgreSQL at " + WildFlyServer.pgHost() + ":" + WildFlyServer.pgPort() + " is unreachable ("
                    + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but " + reason, e);
            }
            System.err.println("[wildfly-tests] skipping: " + reason);
            return new WildFlyGatehouse(null, null, reason);
        }
        WildFlyGatehouse started = new WildFlyGatehouse(name, url, null);
        try {
            started.boot();
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
    }

    private void boot() {
        Path home = Path.of(System.getProperty("gatehouse.wildfly.home", "target/wildfly"));
        // The first deploy's malformed secrets key is a server system property, the one kind of setting
        // that can be removed while the server runs (the config-source directory is read at boot).
        server = WildFlyServer.configure(home, Path.of(System.getProperty("gatehouse.wildfly.cli", "src/test/wildfly/configure.cli")),
                List.of("/system-property=gatehouse.secrets.key:add(value=not-a-base64-key)"));
        Map<String, String> settings = new HashMap<>();
        settings.put("gatehouse.db.url", jdbcUrl);
        settings.put("gatehouse.db.user", WildFlyServer.pgUser());
        if (!WildFlyServer.pgPassword().isEmpty()) {
            settings.put("gatehouse.db.password", WildFlyServer.pgPassword());
        }
        // The webhook receiver is an http:// address on 127.0.0.1, which the shipped defaults refuse.
        settings.put("gatehouse.webhooks.allow-http", "true");
        settings.put("gatehouse.webhooks.allow-private-targets", "true");
        server.settings(settings);

        server.start();
        // Deployed once the server runs: a deploy that fails at boot would stay in WildFly's own
        // readiness check ("boot-errors") for the server's life.
        server.awaitStarted(Duration.ofMinutes(3));
        server.deploy(Path.of(System.getProperty("gatehouse.wildfly.war", "target/ROOT.war")));
        if (server.awaitDeployment(DEPLOY_TIMEOUT)) {
            throw new IllegalStateException("the deploy with a malformed gatehouse.secrets.key succeeded:\n" + server.output());
        }
        failedDeploy = new FailedDeploy(server.failure(), server.printedRootKeys(), storedRootKeys());

        server.cli("/system-property=gatehouse.secrets.key:remove");
        server.redeploy();
        if (!server.awaitDeployment(DEPLOY_TIMEOUT)) {
            throw new IllegalStateException("ROOT.war did not deploy on WildFly: " + server.failure() + "\n" + server.output());
        }
        readiness = server.awaitReady(Duration.ofMinutes(1));
        List<String> keys = server.printedRootKeys();
        rootKey = keys.isEmpty() ? null : keys.get(keys.size() - 1);
    }

    /** Root keys in the database right now. */
    long storedRootKeys() {
        try (Connection c = java.sql.DriverManager.getConnection(jdbcUrl, WildFlyServer.pgUser(), WildFlyServer.pgPassword());
             Statement s = c.createStatement()) {
            try (ResultSet tables = c.getMetaData().getTables(null, null, "api_keys", null)) {
                if (!tables.next()) {
                    return 0; // not even migrated
                }
            }
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM api_keys WHERE lower(key_type) = 'root'")) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    FailedDeploy failedDeploy() {
        return failedDeploy;
    }

    /** The root key the successful deploy printed (null if it printed none). */
    String rootKey() {
        return rootKey;
    }

    /** The body of the first 200 from /health/ready. */
    String readiness() {
        return readiness;
    }

    WildFlyServer server() {
        return server;
    }

    Http http() {
        return new Http(server.base());
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (database != null && !Boolean.getBoolean("gatehouse.it.keep-databases")) {
                WildFlyServer.dropDatabase(database);
            }
        }
    }
}
