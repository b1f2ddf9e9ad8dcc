/**
 * {@code /mcp}, the MCP Streamable HTTP endpoint: a servlet beside the JAX-RS application (MCP's
 * transport rules — 202 for notifications, 405 for GET, 400 for an unknown protocol revision, 403 for a
 * foreign Host or Origin — are HTTP-level and not REST resources), that delegates every message to
 * {@code McpServer}. It is mapped by annotation, so an application that embeds Gatehouse's jar gets it
 * too; it expects the REST API at {@code /api/v1} (the OpenAPI document's default base path).
 */
package dev.gatehouse.rest.mcp.boundary;
