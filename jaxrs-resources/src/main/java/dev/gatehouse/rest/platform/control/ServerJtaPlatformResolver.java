package dev.gatehouse.rest.platform.control;

import java.util.Map;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.hibernate.engine.transaction.jta.platform.internal.JBossAppServerJtaPlatform;
import org.hibernate.engine.transaction.jta.platform.internal.NoJtaPlatform;
import org.hibernate.engine.transaction.jta.platform.internal.StandardJtaPlatformResolver;
import org.hibernate.engine.transaction.jta.platform.internal.SunOneJtaPlatform;
import org.hibernate.engine.transaction.jta.platform.spi.JtaPlatform;
import org.hibernate.engine.transaction.jta.platform.spi.JtaPlatformResolver;
import org.hibernate.service.spi.ServiceRegistryImplementor;

/**
 * Finds the server's JTA platform for the Hibernate the WAR bundles, instead of naming one server's
 * in persistence.xml ({@code hibernate.transaction.jta.platform_resolver}). GlassFish and Payara
 * publish their transaction manager at {@code java:appserver/TransactionManager}, which Hibernate's
 * own resolver does not know; WildFly at {@code java:jboss/TransactionManager}, which it finds by
 * class only when the deployment sees WildFly's transaction classes; everything else (Open Liberty,
 * Narayana, …) is left to Hibernate's {@link StandardJtaPlatformResolver}.
 */
public class ServerJtaPlatformResolver implements JtaPlatformResolver {

    private static final Logger LOG = Logger.getLogger(ServerJtaPlatformResolver.class.getName());

    @Override
    @SuppressWarnings("rawtypes") // the SPI's signature
    public JtaPlatform resolveJtaPlatform(Map configurationValues, ServiceRegistryImplementor registry) {
        JtaPlatform platform = resolve(configurationValues, registry);
        LOG.info("JTA platform: " + platform.getClass().getSimpleName());
        return platform;
    }

    @SuppressWarnings("rawtypes")
    private static JtaPlatform resolve(Map configurationValues, ServiceRegistryImplementor registry) {
        if (bound("java:appserver/TransactionManager")) {
            return new SunOneJtaPlatform();
        }
        JtaPlatform standard = StandardJtaPlatformResolver.INSTANCE.resolveJtaPlatform(configurationValues, registry);
        if (standard instanceof NoJtaPlatform && bound("java:jboss/TransactionManager")) {
            return new JBossAppServerJtaPlatform();
        }
        return standard;
    }

    private static boolean bound(String name) {
        try {
            return new InitialContext().lookup(name) != null;
        } catch (NamingException | RuntimeException notHere) {
            return false;
        }
    }
}
