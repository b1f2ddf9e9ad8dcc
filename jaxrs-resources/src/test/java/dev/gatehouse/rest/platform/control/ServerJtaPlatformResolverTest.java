package dev.gatehouse.rest.platform.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.engine.transaction.jta.platform.internal.NoJtaPlatform;
import org.hibernate.service.spi.ServiceRegistryImplementor;
import org.junit.jupiter.api.Test;

/**
 * Outside a server (no naming context, no transaction manager classes) the resolver leaves the
 * choice to Hibernate's own, which finds none. Inside Payara Micro every integration test runs on
 * the platform it picks there.
 */
class ServerJtaPlatformResolverTest {

    @Test
    void resolveJtaPlatform_noServer_fallsBackToHibernatesResolver() {
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder().build();
        try {
            assertThat(new ServerJtaPlatformResolver().resolveJtaPlatform(Map.of(), (ServiceRegistryImplementor) registry))
                    .isInstanceOf(NoJtaPlatform.class);
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
        }
    }
}
