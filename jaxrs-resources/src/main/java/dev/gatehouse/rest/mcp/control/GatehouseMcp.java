package dev.gatehouse.rest.mcp.control;

import dev.gatehouse.rest.Gatehouse;
import dev.gatehouse.rest.contract.control.OpenApiDocument;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one {@link McpServer} of this application, with Gatehouse's tools derived once from the
 * OpenAPI document of {@link Gatehouse#restClasses()}. Shared by {@code /mcp} and the REST surface
 * {@code /api/v1/mcp/…}.
 */
@ApplicationScoped
public class GatehouseMcp {

    /** The name of Gatehouse's own server on the REST surface. */
    public static final String SERVER_ID = "gatehouse";

    private final McpServer server;

    public GatehouseMcp() {
        String version = GatehouseMcp.class.getPackage().getImplementationVersion();
        server = new McpServer(GatehouseTools.from(OpenApiDocument.build(Gatehouse.restClasses(), OpenApiDocument.DEFAULT_BASE_PATH)),
                version == null ? "dev" : version);
    }

    public McpServer server() {
        return server;
    }
}
