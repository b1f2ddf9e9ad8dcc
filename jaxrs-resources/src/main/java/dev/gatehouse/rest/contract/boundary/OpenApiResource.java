package dev.gatehouse.rest.contract.boundary;

import dev.gatehouse.rest.contract.control.OpenApiDocument;
import dev.gatehouse.rest.contract.control.Yaml;
import dev.gatehouse.rest.platform.boundary.Public;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live contract: the OpenAPI 3.1 document of exactly the classes this JAX-RS application
 * registers, as JSON and as YAML. Public, so Swagger UI, Redoc and code generators can fetch it.
 */
@Path("")
@Public
public class OpenApiResource {

    @Context
    Application application;

    @Context
    UriInfo uri;

    /** Built once per application path: resources are per request, the document is not. */
    private static final Map<String, JsonObject> DOCUMENTS = new ConcurrentHashMap<>();

    @GET
    @Path("openapi.json")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject json() {
        return document();
    }

    @GET
    @Path("openapi.yaml")
    @Produces({"application/yaml", "text/yaml"})
    public String yaml() {
        return Yaml.of(document());
    }

    private JsonObject document() {
        String base = uri.getBaseUri().getRawPath();
        String path = base.length() > 1 && base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return DOCUMENTS.computeIfAbsent(path, p -> OpenApiDocument.build(application.getClasses(), p));
    }
}
