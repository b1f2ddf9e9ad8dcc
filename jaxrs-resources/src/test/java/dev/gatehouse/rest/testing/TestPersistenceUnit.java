package dev.gatehouse.rest.testing;

import jakarta.persistence.Entity;
import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * A RESOURCE_LOCAL persistence unit on a given data source, handed to Hibernate as its
 * {@code nonJtaDataSource} — what a persistence.xml would say, without a second persistence.xml
 * on the test class path.
 */
record TestPersistenceUnit(String name, DataSource dataSource) implements PersistenceUnitInfo {

    @Override
    public String getPersistenceUnitName() {
        return name;
    }

    @Override
    public String getPersistenceProviderClassName() {
        return "org.hibernate.jpa.HibernatePersistenceProvider";
    }

    @Override
    public PersistenceUnitTransactionType getTransactionType() {
        return PersistenceUnitTransactionType.RESOURCE_LOCAL;
    }

    @Override
    public DataSource getJtaDataSource() {
        return null;
    }

    @Override
    public DataSource getNonJtaDataSource() {
        return dataSource;
    }

    @Override
    public List<String> getMappingFileNames() {
        return List.of();
    }

    @Override
    public List<URL> getJarFileUrls() {
        return List.of();
    }

    @Override
    public URL getPersistenceUnitRootUrl() {
        return null;
    }

    @Override
    public List<String> getManagedClassNames() {
        return entityClasses();
    }

    /** The main classes' entities, found on disk so new entities need no registration here. */
    static List<String> entityClasses() {
        try {
            URL root = TestPersistenceUnit.class.getClassLoader().getResource("dev/gatehouse/rest/Gatehouse.class");
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

    @Override
    public boolean excludeUnlistedClasses() {
        return true;
    }

    @Override
    public SharedCacheMode getSharedCacheMode() {
        return SharedCacheMode.NONE;
    }

    @Override
    public ValidationMode getValidationMode() {
        return ValidationMode.NONE;
    }

    @Override
    public Properties getProperties() {
        return new Properties();
    }

    @Override
    public String getPersistenceXMLSchemaVersion() {
        return "3.0";
    }

    @Override
    public ClassLoader getClassLoader() {
        return TestPersistenceUnit.class.getClassLoader();
    }

    @Override
    public void addTransformer(ClassTransformer transformer) {
        // no bytecode enhancement in tests
    }

    @Override
    public ClassLoader getNewTempClassLoader() {
        return null;
    }
}
