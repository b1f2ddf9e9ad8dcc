package dev.gatehouse.war;

import dev.gatehouse.rest.Gatehouse;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** Serves Gatehouse's REST API under {@code /api/v1}. */
@ApplicationPath("/api/v1")
public class GatehouseApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Gatehouse.restClasses();
    }
}
