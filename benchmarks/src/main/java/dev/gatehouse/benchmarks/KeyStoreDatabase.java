package dev.gatehouse.benchmarks;

import dev.gatehouse.keys.ApiKey;
import dev.gatehouse.keys.ApiKeyStore;
import dev.gatehouse.rest.keys.control.JpaApiKeyStore;
import dev.gatehouse.rest.keys.entity.ApiKeyEntity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

/**
 * The WAR's key store on a fresh database: {@link JpaApiKeyStore} on Hibernate, the schema made by
 * the WAR's own Flyway migrations (its {@code FlywayIntegrator} runs while Hibernate starts), and
 * each store call in a transaction of its own on a pooled connection, as the container runs the
 * {@code @Transactional} store for the authentication filter ({@link ReusedConnections}). Built here rather than from
 * jaxrs-resources' test harness, which finds entities by walking a class directory and so cannot
 * run from the shaded benchmarks jar.
 *
 * <p>H2 runs in memory in PostgreSQL mode, as the WAR's tests do. PostgreSQL is
 * {@code 127.0.0.1:5432}, user {@code postgres}, no password (override with
 * {@code -Dgatehouse.bench.pg.host|port|user|password}); the database {@value #PG_DATABASE} is
 * dropped and created for each run and dropped again at the end.
 */
final class KeyStoreDatabase implements AutoCloseable {

    static final String PG_DATABASE = "gatehouse_bench_keys";

    // Hibernate's and Flyway's start-up INFO lines would land in the middle of JMH's output; held
    // here because java.util.logging keeps loggers only weakly.
    private static final List<Logger> QUIETER = Stream.of("org.hibernate", "org.flywaydb")
            .map(Logger::getLogger).peek(logger -> logger.setLevel(Level.WARNING)).toList();

    private final ReusedConnections dataSource;
    private final EntityManagerFactory emf;
    private final Runnable dropDatabase;

    private KeyStoreDatabase(ReusedConnections dataSource, Runnable dropDatabase) {
        this.dataSource = dataSource;
        this.dropDatabase = dropDatabase;
        Configuration hibernate = new Configuration().addAnnotatedClass(ApiKeyEntity.class);
        hibernate.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
        hibernate.setProperty(AvailableSettings.HBM2DDL_AUTO, "validate");
        hibernate.setProperty(AvailableSettings.JDBC_TIME_ZONE, "UTC");
        this.emf = hibernate.buildSessionFactory();
    }

    /** Opens a fresh database: {@code "h2"} or {@code "postgresql"}. */
    static KeyStoreDatabase open(String kind) {
        return switch (kind) {
            case "h2" -> h2();
            case "postgresql" -> postgresql();
            default -> throw new IllegalArgumentException("database must be h2 or postgresql but was " + kind);
        };
    }

    private static KeyStoreDatabase h2() {
        ReusedConnections pool = new ReusedConnections("jdbc:h2:mem:bench_" + UUID.randomUUID().toString().replace("-", "")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
        // In memory: it goes when the benchmark's JVM ends.
        return new KeyStoreDatabase(pool, pool::close);
    }

    private static KeyStoreDatabase postgresql() {
        String host = System.getProperty("gatehouse.bench.pg.host", "127.0.0.1");
        String port = System.getProperty("gatehouse.bench.pg.port", "5432");
        String user = System.getProperty("gatehouse.bench.pg.user", "postgres");
        String password = System.getProperty("gatehouse.bench.pg.password", "");
        String server = "jdbc:postgresql://" + host + ":" + port + "/";
        try {
            adminSql(server, user, password, "DROP DATABASE IF EXISTS " + PG_DATABASE, "CREATE DATABASE " + PG_DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " is unreachable or refused ("
                    + e.getMessage() + "): the postgresql case is skipped", e);
        }
        ReusedConnections pool = new ReusedConnections(server + PG_DATABASE, user, password);
        return new KeyStoreDatabase(pool, () -> {
            pool.close();
            try {
                adminSql(server, user, password, "DROP DATABASE IF EXISTS " + PG_DATABASE);
            } catch (SQLException e) {
                System.err.println("could not drop " + PG_DATABASE + ": " + e.getMessage());
            }
        });
    }

    private static void adminSql(String server, String user, String password, String... statements) throws SQLException {
        DriverManager.setLoginTimeout(5);
        try (Connection c = DriverManager.getConnection(server + "postgres", user, password);
             Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /** Inserts a workspace row (api_keys references it). */
    void workspace(long id) {
        dataSource.sql("INSERT INTO workspaces (id, name, slug, tier, created_at, updated_at) VALUES (" + id
                + ", 'Workspace " + id + "', 'ws-" + id + "', 'pro', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
    }

    /** The JPA key store, every call in a transaction and a persistence context of its own. */
    ApiKeyStore keyStore(Clock clock) {
        return new PerCallTransactions(clock);
    }

    @Override
    public void close() {
        emf.close();
        dropDatabase.run();
    }

    private final class PerCallTransactions implements ApiKeyStore {

        private final Clock clock;

        PerCallTransactions(Clock clock) {
            this.clock = clock;
        }

        private <T> T inTransaction(Function<JpaApiKeyStore, T> call) {
            EntityManager em = emf.createEntityManager();
            EntityTransaction tx = em.getTransaction();
            try {
                tx.begin();
                T result = call.apply(new JpaApiKeyStore(em, clock));
                tx.commit();
                return result;
            } finally {
                if (tx.isActive()) {
                    tx.rollback();
                }
                em.close();
            }
        }

        @Override
        public ApiKey insert(ApiKey withoutId) {
            return inTransaction(store -> store.insert(withoutId));
        }

        @Override
        public Optional<ApiKey> findById(long id) {
            return inTransaction(store -> store.findById(id));
        }

        @Override
        public Optional<ApiKey> findByHash(String keyHash) {
            return inTransaction(store -> store.findByHash(keyHash));
        }

        @Override
        public ApiKey update(ApiKey key) {
            return inTransaction(store -> store.update(key));
        }

        @Override
        public Optional<ApiKey> insertWithinUserLimit(ApiKey withoutId, int maxActive, Instant now) {
            return inTransaction(store -> store.insertWithinUserLimit(withoutId, maxActive, now));
        }

        @Override
        public boolean existsRootKey() {
            return inTransaction(JpaApiKeyStore::existsRootKey);
        }

        @Override
        public List<ApiKey> findByCreator(long creatorKeyId) {
            return inTransaction(store -> store.findByCreator(creatorKeyId));
        }

        @Override
        public void recordLastUsed(Map<Long, Instant> lastUsedByKeyId) {
            inTransaction(store -> {
                store.recordLastUsed(lastUsedByKeyId);
                return null;
            });
        }
    }
}
