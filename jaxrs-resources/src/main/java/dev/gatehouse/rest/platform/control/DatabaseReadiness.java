package dev.gatehouse.rest.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the database answers: {@code /health/ready} is DOWN when it is unreachable.
 * It opens a connection of its own with the configured settings rather than asking the container's
 * pool: the pool is looked up in the application's naming context, which a server's health thread
 * need not have (WildFly's management thread does not), and a pool can hand out a connection that
 * says nothing about whether a new one can be opened.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    private final DataSource dataSource = new ConfiguredDataSource();

    @Override
    public HealthCheckResponse call() {
        try (Connection c = dataSource.getConnection()) {
            boolean valid = c.isValid(2);
            return HealthCheckResponse.named("database").status(valid).build();
        } catch (SQLException | RuntimeException e) {
            return HealthCheckResponse.named("database").down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
