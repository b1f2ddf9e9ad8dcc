package dev.gatehouse.rest.testing;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.hibernate.jpa.HibernatePersistenceProvider;

/**
 * A real database for store tests outside the container: H2 in memory (PostgreSQL mode, as the WAR
 * runs it) or a fresh PostgreSQL database, migrated by the production {@code FlywayIntegrator} and
 * opened with plain Hibernate (RESOURCE_LOCAL) over the given entities, validated like in the WAR.
 */
public final class TestDatabase implements AutoCloseable {

    /** Where the PostgreSQL tests look; a trust-authenticated local server by default. */
    public static final String PG_HOST = System.getProperty("gatehouse.test.pg.host", "127.0.0.1");
    public static final String PG_PORT = System.getProperty("gatehouse.test.pg.port", "5432");
    public static final String PG_USER = System.getProperty("gatehouse.test.pg.user", "postgres");
    public static final String PG_PASSWORD = System.getProperty("gatehouse.test.pg.password", "");

    private final EntityManagerFactory emf;
    private final DataSource dataSource;
    private final String dropDatabase;

    private TestDatabase(DataSource dataSource, List<Class<?>> entities, String dropDatabase) {
        this.dataSource = dataSource;
        this.dropDatabase = dropDatabase;
        this.emf = new HibernatePersistenceProvider().createContainerEntityManagerFactory(unit(entities, dataSource),
                Map.of("hibernate.hbm2ddl.auto", "validate",
                        "hibernate.jdbc.time_zone", "UTC",
                        "hibernate.show_sql", "false"));
    }

    /** A new, empty, migrated H2 in-memory database that lives until {@link #close()}. */
    public static TestDatabase h2(String name, Class<?>... entities) {
        org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name + "-" + System.nanoTime()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        ds.setPassword("");
        return new TestDatabase(ds, List.of(entities), null);
    }

    /** Whether a PostgreSQL server answers at {@link #PG_HOST}:{@link #PG_PORT}. */
    public static boolean postgresReachable() {
        try (Connection c = DriverManager.getConnection(pgUrl("postgres"), PG_USER, PG_PASSWORD)) {
            return c.isValid(2);
        } catch (SQLException unreachable) {
            return false;
        }
    }

    /** A new, empty, migrated PostgreSQL database, dropped again by {@link #close()}. */
    public static TestDatabase postgres(String name, Class<?>... entities) {
        String database = "gatehouse_test_" + name + "_" + Long.toString(System.currentTimeMillis(), 36);
        execute(pgUrl("postgres"), "CREATE DATABASE " + database);
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setUrl(pgUrl(database));
        ds.setUser(PG_USER);
        ds.setPassword(PG_PASSWORD);
        return new TestDatabase(ds, List.of(entities), database);
    }

    public EntityManagerFactory emf() {
        return emf;
    }

    /** Runs plain SQL statements, each in its own auto-committed statement. */
    public void sql(String... statements) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        emf.close();
        if (dropDatabase != null) {
            execute(pgUrl("postgres"), "DROP DATABASE IF EXISTS " + dropDatabase + " WITH (FORCE)");
        }
    }

    private static String pgUrl(String database) {
        return "jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/" + database;
    }

    private static void execute(String url, String statement) {
        try (Connection c = DriverManager.getConnection(url, PG_USER, PG_PASSWORD); Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static PersistenceUnitInfo unit(List<Class<?>> entities, DataSource dataSource) {
        List<String> names = new ArrayList<>();
        entities.forEach(c -> names.add(c.getName()));
        return new PersistenceUnitInfo() {
            @Override public String getPersistenceUnitName() { return "gatehouse-test"; }
            @Override public String getPersistenceProviderClassName() { return HibernatePersistenceProvider.class.getName(); }
            @Override public PersistenceUnitTransactionType getTransactionType() { return PersistenceUnitTransactionType.RESOURCE_LOCAL; }
            @Override public DataSource getJtaDataSource() { return null; }
            @Override public DataSource getNonJtaDataSource() { return dataSource; }
            @Override public List<String> getMappingFileNames() { return List.of(); }
            @Override public List<URL> getJarFileUrls() { return List.of(); }
            @Override public URL getPersistenceUnitRootUrl() { return null; }
            @Override public List<String> getManagedClassNames() { return names; }
            @Override public boolean excludeUnlistedClasses() { return true; }
            @Override public SharedCacheMode getSharedCacheMode() { return SharedCacheMode.NONE; }
            @Override public ValidationMode getValidationMode() { return ValidationMode.NONE; }
            @Override public Properties getProperties() { return new Properties(); }
            @Override public String getPersistenceXMLSchemaVersion() { return "3.0"; }
            @Override public ClassLoader getClassLoader() { return TestDatabase.class.getClassLoader(); }
            @Override public void addTransformer(ClassTransformer transformer) { }
            @Override public ClassLoader getNewTempClassLoader() { return TestDatabase.class.getClassLoader(); }
        };
    }
}
