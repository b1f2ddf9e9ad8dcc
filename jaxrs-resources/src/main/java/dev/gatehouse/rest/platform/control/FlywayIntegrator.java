package dev.gatehouse.rest.platform.control;

import javax.sql.DataSource;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

/**
 * Runs the Flyway migrations while Hibernate builds the persistence unit — after it has the data
 * source and before it validates the schema against the entities. The container creates the
 * persistence unit before any application code runs, so this is the one place where migrating
 * first is guaranteed. Registered through {@code META-INF/services}.
 */
public class FlywayIntegrator implements Integrator {

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor sessionFactory) {
        DataSource dataSource = sessionFactory.getServiceRegistry().requireService(ConnectionProvider.class).unwrap(DataSource.class);
        try {
            SchemaMigrations.migrate(dataSource);
        } catch (RuntimeException e) {
            throw StartupFailure.report(e.getMessage(), e);
        }
    }

    @Override
    public void disintegrate(SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry serviceRegistry) {
        // nothing to undo
    }
}
