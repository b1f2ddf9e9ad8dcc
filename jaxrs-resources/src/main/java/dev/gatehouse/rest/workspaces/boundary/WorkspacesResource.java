package dev.gatehouse.rest.workspaces.boundary;

import dev.gatehouse.rest.workspaces.entity.WorkspaceEntity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

@Path("workspaces")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class WorkspacesResource {
    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @GET
    public Map<String, Object> list() {
        long n = em.createQuery("select count(w) from WorkspaceEntity w", Long.class).getSingleResult();
        return Map.of("count", n);
    }
}
