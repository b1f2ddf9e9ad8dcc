/**
 * The MCP server's protocol and Gatehouse's tools and resources, as plain classes over JSON-P.
 *
 * <p><b>Choice: a small stateless Streamable-HTTP server written here, not the official Java SDK.</b>
 * {@code io.modelcontextprotocol.sdk}'s servlet transport brings Jackson and Project Reactor into the
 * WAR (its 2.x line a release-candidate reactor-core, which the no-pre-release rule forbids), needs
 * persistence.xml switched away from Hibernate's Jackson detection, and would still leave us the part
 * that matters — turning REST operations into tools and running them through the REST filters. The
 * protocol Gatehouse needs (one JSON-RPC message per POST, JSON answers, no server stream, no
 * sessions) is a few hundred lines of JSON-P that run on any Jakarta EE 10 server, with no new jar.
 *
 * <p><b>One source, one code path.</b> {@link dev.gatehouse.rest.mcp.control.GatehouseTools} derives
 * every tool from the OpenAPI document that {@code OpenApiDocument} builds from the resource classes
 * and their sidecars, so a new endpoint is a new tool and the two cannot drift.
 * {@link dev.gatehouse.rest.mcp.control.RestDispatcher} runs each tool call and resource read as a REST
 * call through the servlet container's {@code RequestDispatcher}: authentication (the same filter, so
 * every way of authenticating REST accepts works here too), scopes, tenancy, rate limits, idempotency
 * and audit are the REST code itself. A request attribute, which no client can forge, marks the call as
 * coming over MCP for the audit log. Even the MCP request's own authentication is {@code GET /auth/verify}
 * dispatched the same way.
 *
 * <p><b>The gateway.</b> {@link dev.gatehouse.rest.mcp.control.UpstreamStore} keeps the upstream MCP servers
 * each workspace registers (headers encrypted with the secrets key; the rules of a registration in
 * {@link dev.gatehouse.rest.mcp.control.UpstreamSpec}, its URL through the webhook address policy);
 * {@link dev.gatehouse.rest.mcp.control.McpGateway} lists and calls their tools through the client in
 * {@code mcp.gateway}, with one session and a cached tool list per server. The call path reads the servers
 * through {@link dev.gatehouse.rest.mcp.control.UpstreamServers} (a per-instance cache dropped through the
 * cluster's cache-change announcements) and writes a call's audit event and usage in one local JDBC
 * transaction ({@link dev.gatehouse.rest.mcp.control.GatewayRecords}). On {@code /mcp} their tools are
 * {@code <server>__<tool>}, listed and called by {@link dev.gatehouse.rest.mcp.control.GatewayCalls} through
 * the REST surface ({@code GET /mcp/tools}, {@code POST /mcp/tools/call}) — so scopes, tenancy, rate
 * limits, the {@code mcp_calls} meter and the audit log are REST's, one code path for both channels.
 *
 * <p><b>Stateless.</b> No session id is issued and nothing is kept between requests; {@code initialize}
 * only negotiates the revision (2025-11-25, 2025-06-18, 2025-03-26). The 2026 revision, which drops
 * sessions and {@code initialize}, needs no state to be removed.
 */
package dev.gatehouse.rest.mcp.control;
