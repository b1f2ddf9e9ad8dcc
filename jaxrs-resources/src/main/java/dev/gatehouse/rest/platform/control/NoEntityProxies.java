package dev.gatehouse.rest.platform.control;

import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

/**
 * Tells Hibernate that no entity is ever loaded lazily, so it generates no proxy class for any of
 * them. Gatehouse maps no association and never asks for a reference ({@code getReference}): every
 * entity is read by a query or by {@code find}, which return the entity itself. Without this,
 * Hibernate generated a Byte Buddy subclass of every entity while building the persistence unit,
 * which was the only reason the ≈ 900 classes of Byte Buddy were loaded at start-up.
 *
 * <p>Integrators run after the mapping is read and before the entities' persisters are built, which
 * is where Hibernate decides whether an entity gets a proxy. An association mapped later would be
 * fetched eagerly; one that has to be lazy would need its entity left out here. Registered through
 * {@code META-INF/services}, like {@link FlywayIntegrator}.
 */
public class NoEntityProxies implements Integrator {

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor sessionFactory) {
        for (PersistentClass entity : metadata.getEntityBindings()) {
            entity.setLazy(false);
        }
    }

    @Override
    public void disintegrate(SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry serviceRegistry) {
        // nothing to undo
    }
}
