package dev.gatehouse.war;

import dev.gatehouse.rest.Gatehouse;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;

/**
 * Serves Gatehouse's REST API under {@code /api/v1}. Jersey's WADL is off: nothing serves or reads
 * {@code application.wadl}, and building its JAXB context was start-up work (issue 16, item 2).
 */
@ApplicationPath("/api/v1")
public class GatehouseApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Gatehouse.restClasses();
    }

    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
