package dev.gatehouse.rest.testing;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.hibernate.jpa.HibernatePersistenceProvider;
import org.postgresql.ds.PGPoolingDataSource;

/**
 * A database for store tests outside the container: H2 in memory (PostgreSQL mode, as the WAR runs
 * it) or a fresh PostgreSQL database, migrated by the real Flyway integrator while plain Hibernate
 * (RESOURCE_LOCAL) builds the persistence unit on it.
 *
 * <p>PostgreSQL is {@code 127.0.0.1:5432}, user {@code postgres}, no password (override with
 * {@code gatehouse.test.pg.host|port|user|password}). When it is unreachable the PostgreSQL tests
 * are skipped, unless {@code CI=true}: then they fail.
 */
public final class TestDatabase implements AutoCloseable {

    private final DataSource dataSource;
    private final EntityManagerFactory emf;
    private final boolean postgres;

    private TestDatabase(DataSource dataSource, boolean postgres) {
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.emf = new HibernatePersistenceProvider().createContainerEntityManagerFactory(
                new TestPersistenceUnit("gatehouse-test", dataSource), Map.of("hibernate.hbm2ddl.auto", "validate",
                        "hibernate.jdbc.time_zone", "UTC"));
    }

    /** A fresh, migrated H2 in-memory database. */
    public static TestDatabase h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:gh_" + UUID.randomUUID().toString().replace("-", "")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000");
        ds.setUser("sa");
        ds.setPassword("");
        return new TestDatabase(ds, false);
    }

    /** Why PostgreSQL tests cannot run here, or null when they can (then {@link #postgres()} works). */
    public static String postgresUnavailableReason() {
        try (Connection c = DriverManager.getConnection(pgUrl("postgres"), pgUser(), pgPassword())) {
            return null;
        } catch (SQLException e) {
            String reason = "PostgreSQL at " + pgHost() + ":" + pgPort() + " is unreachable (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but " + reason, e);
            }
            return reason;
        }
    }

    /** A fresh, migrated PostgreSQL database of its own. */
    public static TestDatabase postgres() {
        String name = "gatehouse_test_" + Long.toString(System.currentTimeMillis(), 36) + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = DriverManager.getConnection(pgUrl("postgres"), pgUser(), pgPassword());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create PostgreSQL database " + name + ": " + e.getMessage(), e);
        }
        // A pool, as the container has: a new PostgreSQL connection per transaction costs milliseconds.
        @SuppressWarnings("deprecation")
        PGPoolingDataSource ds = new PGPoolingDataSource();
        // gatehouse.test.pg.options, e.g. "-c synchronous_commit=off", is passed to the server (benchmarks).
        ds.setURL(pgUrl(name) + System.getProperty("gatehouse.test.pg.options", "").transform(o -> o.isBlank() ? ""
                : "?options=" + java.net.URLEncoder.encode(o, java.nio.charset.StandardCharsets.UTF_8)));
        ds.setUser(pgUser());
        ds.setPassword(pgPassword());
        ds.setMaxConnections(40);
        ds.setDataSourceName(name);
        return new TestDatabase(ds, true);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public boolean isPostgres() {
        return postgres;
    }

    /** Runs SQL statements on a connection of their own, committed. */
    public void sql(String... statements) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Inserts a workspace with this id (for foreign keys), unless it exists. */
    public void workspace(long id, String tier) {
        sql("INSERT INTO workspaces (id, name, slug, tier, created_at, updated_at) VALUES (" + id + ", 'Workspace " + id
                + "', 'ws-" + id + "', '" + tier + "', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP) ON CONFLICT DO NOTHING");
    }

    /** Runs work in a transaction of its own and commits it (rolls back on failure). */
    public <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            T result = work.apply(em);
            tx.commit();
            return result;
        } finally {
            if (tx.isActive()) {
                tx.rollback();
            }
            em.close();
        }
    }

    /**
     * A view of a store in which every call runs in a transaction of its own, as the container
     * runs an {@code @Transactional} bean's method called outside any transaction.
     *
     * @param type    the store interface
     * @param factory makes the store on a transaction's entity manager
     */
    public <T> T perCallTransactions(Class<T> type, Function<EntityManager, ? extends T> factory) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(this, args);
            }
            return inTransaction(em -> {
                try {
                    return method.invoke(factory.apply(em), args);
                } catch (InvocationTargetException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            });
        });
        return type.cast(proxy);
    }

    @Override
    /** Closes the persistence unit and, for PostgreSQL, drops the database it made. */
    public void close() {
        emf.close();
        if (dataSource instanceof @SuppressWarnings("deprecation") PGPoolingDataSource pool) {
            pool.close();
            try (Connection c = DriverManager.getConnection(pgUrl("postgres"), pgUser(), pgPassword());
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + pool.getDataSourceName() + " WITH (FORCE)");
            } catch (SQLException e) {
                System.err.println("[test-database] could not drop " + pool.getDataSourceName() + ": " + e.getMessage());
            }
        }
    }

    private static String pgHost() {
        return System.getProperty("gatehouse.test.pg.host", "127.0.0.1");
    }

    private static String pgPort() {
        return System.getProperty("gatehouse.test.pg.port", "5432");
    }

    private static String pgUser() {
        return System.getProperty("gatehouse.test.pg.user", "postgres");
    }

    private static String pgPassword() {
        return System.getProperty("gatehouse.test.pg.password", "");
    }

    private static String pgUrl(String database) {
        return "jdbc:postgresql://" + pgHost() + ":" + pgPort() + "/" + database;
    }
}
