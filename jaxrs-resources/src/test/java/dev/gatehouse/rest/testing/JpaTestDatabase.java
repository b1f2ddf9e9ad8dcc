package dev.gatehouse.rest.testing;

import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.hibernate.jpa.HibernatePersistenceProvider;
import org.junit.jupiter.api.Assumptions;

/**
 * A Flyway-migrated database with plain Hibernate (no container) for testing the JPA stores: every
 * {@code @Entity} of jaxrs-resources, the real migrations (the Flyway integrator runs them), and
 * {@link #transactional} to make each store call its own transaction, as the container does.
 * PostgreSQL is used when reachable; under {@code CI=true} an unreachable one fails instead.
 */
public final class JpaTestDatabase implements AutoCloseable {

    private final EntityManagerFactory emf;
    private final String url;
    private final String user;

    private JpaTestDatabase(String url, String user, DataSource dataSource) {
        this.url = url;
        this.user = user;
        this.emf = new HibernatePersistenceProvider().createContainerEntityManagerFactory(new Unit(dataSource), Map.of(
                "hibernate.hbm2ddl.auto", "validate",
                "hibernate.jdbc.time_zone", "UTC"));
    }

    /** A fresh in-memory H2 database in PostgreSQL mode. */
    public static JpaTestDatabase h2() {
        String url = "jdbc:h2:mem:jpa" + System.nanoTime() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
        ds.setURL(url);
        ds.setUser("sa");
        return new JpaTestDatabase(url, "sa", ds);
    }

    /** A fresh PostgreSQL database on 127.0.0.1:5432; aborts the test (skips) when unreachable, fails under CI. */
    public static JpaTestDatabase postgres() {
        String host = System.getProperty("gatehouse.it.pg.host", "127.0.0.1");
        String admin = "jdbc:postgresql://" + host + ":5432/postgres";
        String name = "gatehouse_jpa_" + Long.toString(System.nanoTime(), 36);
        try (Connection c = DriverManager.getConnection(admin, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but PostgreSQL is unreachable: " + e.getMessage(), e);
            }
            Assumptions.abort("PostgreSQL is unreachable: " + e.getMessage());
        }
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        String url = "jdbc:postgresql://" + host + ":5432/" + name;
        ds.setURL(url);
        ds.setUser("postgres");
        return new JpaTestDatabase(url, "postgres", ds);
    }

    /**
     * A proxy of {@code type} whose every call runs in its own transaction on a fresh entity
     * manager, against a store built for that entity manager by {@code factory}.
     */
    public <T> T transactional(Class<T> type, Function<EntityManager, T> factory) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(this, args);
            }
            EntityManager em = emf.createEntityManager();
            EntityTransaction tx = em.getTransaction();
            tx.begin();
            try {
                Object result = method.invoke(factory.apply(em), args);
                tx.commit();
                return result;
            } catch (InvocationTargetException e) {
                if (tx.isActive()) {
                    tx.rollback();
                }
                throw e.getCause();
            } finally {
                em.close();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    /** Runs SQL directly, e.g. to clear tables or add fixture rows. */
    public void sql(String... statements) {
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs SQL that returns one number. */
    public long queryLong(String sql) {
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement();
             var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes every row; workspaces cascade to everything that belongs to them. */
    public void clear() {
        sql("DELETE FROM api_keys", "DELETE FROM users", "DELETE FROM audit_events", "DELETE FROM workspaces");
    }

    public EntityManagerFactory emf() {
        return emf;
    }

    @Override
    public void close() {
        emf.close();
    }

    /** The main classes' entities, found on disk so new entities need no registration here. */
    static List<String> entityClasses() {
        try {
            URL root = JpaTestDatabase.class.getClassLoader().getResource("dev/gatehouse/rest/Gatehouse.class");
            Path base = Path.of(root.toURI()).getParent().getParent().getParent().getParent();
            List<String> out = new ArrayList<>();
            try (Stream<Path> files = Files.walk(base.resolve("dev/gatehouse/rest"))) {
                for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                    String name = base.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                    if (!name.contains("$") && Class.forName(name).isAnnotationPresent(Entity.class)) {
                        out.add(name);
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A resource-local persistence unit on the given data source. */
    private static final class Unit implements PersistenceUnitInfo {
        private final DataSource dataSource;

        Unit(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override public String getPersistenceUnitName() { return "gatehouse-test"; }
        @Override public String getPersistenceProviderClassName() { return HibernatePersistenceProvider.class.getName(); }
        @Override public PersistenceUnitTransactionType getTransactionType() { return PersistenceUnitTransactionType.RESOURCE_LOCAL; }
        @Override public DataSource getJtaDataSource() { return null; }
        @Override public DataSource getNonJtaDataSource() { return dataSource; }
        @Override public List<String> getMappingFileNames() { return List.of(); }
        @Override public List<URL> getJarFileUrls() { return List.of(); }
        @Override public URL getPersistenceUnitRootUrl() { return null; }
        @Override public List<String> getManagedClassNames() { return entityClasses(); }
        @Override public boolean excludeUnlistedClasses() { return true; }
        @Override public SharedCacheMode getSharedCacheMode() { return SharedCacheMode.NONE; }
        @Override public ValidationMode getValidationMode() { return ValidationMode.NONE; }
        @Override public Properties getProperties() { return new Properties(); }
        @Override public String getPersistenceXMLSchemaVersion() { return "3.0"; }
        @Override public ClassLoader getClassLoader() { return JpaTestDatabase.class.getClassLoader(); }
        @Override public void addTransformer(ClassTransformer transformer) { }
        @Override public ClassLoader getNewTempClassLoader() { return getClassLoader(); }
    }
}
