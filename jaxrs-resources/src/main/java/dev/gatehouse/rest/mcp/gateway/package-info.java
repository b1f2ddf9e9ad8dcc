/**
 * The MCP gateway's client side: Gatehouse speaking MCP to a workspace's upstream servers over
 * Streamable HTTP, in plain Java (JDK {@code HttpClient} and JSON-P) so it runs on any Jakarta EE 10
 * server and is tested without one.
 *
 * <p><b>Choice: our own small JSON-RPC client, not the official MCP Java SDK.</b> The SDK's client
 * ({@code io.modelcontextprotocol.sdk:mcp}) would bring Jackson and Project Reactor into the WAR — its
 * 2.x line a release-candidate {@code reactor-core}, which the no-pre-release rule forbids — and needs
 * persistence.xml switched away from Hibernate's Jackson detection
 * ({@code hibernate.type.json_format_mapper=jsonb}); the server side of {@code /mcp} already chose
 * JSON-P for the same reasons. What the gateway needs is narrow: {@code initialize} (revision
 * negotiation, {@code Mcp-Session-Id}), {@code notifications/initialized}, {@code tools/list} (with
 * cursors) and {@code tools/call}, with answers as JSON or as an SSE stream. That is
 * {@link dev.gatehouse.rest.mcp.gateway.UpstreamClient} and
 * {@link dev.gatehouse.rest.mcp.gateway.ResponseReader}, a few hundred lines whose every failure mode
 * (refused address, down, slow, garbage, too large, HTTP error, JSON-RPC error) is one
 * {@link dev.gatehouse.rest.mcp.gateway.UpstreamFailure} kind and tested against a fake upstream.
 *
 * <p><b>Never hang, never leak.</b> Every exchange has a deadline (the whole call, not each read) and
 * a size limit; redirects are not followed; the URL passes the webhook address policy again before
 * every call, because DNS answers change. Failure messages name the server and the failure, never its
 * URL or headers (which may carry credentials).
 */
package dev.gatehouse.rest.mcp.gateway;
