/**
 * The MCP gateway's client side: Gatehouse speaking MCP to a workspace's upstream servers over
 * Streamable HTTP, in plain Java (Apache HttpClient 5 and JSON-P) so it runs on any Jakarta EE 10
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
 * <p><b>Choice: Apache HttpClient 5's classic (blocking) API, not the JDK's {@code HttpClient}.</b> A
 * gateway call's thread waits for the upstream anyway, so blocking I/O on that thread is the cheapest
 * way to wait. The JDK client hands every exchange to its selector and executor threads, and on a
 * machine with fewer than three cores {@code sendAsync} completes each answer on a new thread. Against
 * the same local upstream, one call at a time, the JDK client added 0.4–0.8 ms to the p50 of a raw
 * socket, HttpClient 5 classic 0.05 ms; through the gateway, Gatehouse's CPU per call fell by a fifth
 * (BENCHMARKS.md, "MCP gateway overhead"). The webhook sender has since made the same move; the
 * client's settings and the per-exchange deadline are {@link dev.gatehouse.webhooks.OutboundHttp}'s,
 * shared by both. The cost: HTTP/1.1 only, over TLS too (Streamable HTTP
 * needs nothing of HTTP/2), and about 2.3 MB in the WAR (httpclient5, httpcore5, httpcore5-h2, and
 * SLF4J with its JUL binding, so that the client's logging lands in the server's log).
 *
 * <p><b>Never hang, never leak.</b> Every exchange has a deadline (the whole call, not each read: when it
 * passes, the request is cancelled and its connection closed) and a size limit; an event stream that
 * answered is read to its end in the background for at most two seconds, so its connection is reused;
 * redirects are not followed; the URL passes the webhook address policy again before every call,
 * because DNS answers change. Failure messages name the server and the failure, never its
 * URL or headers (which may carry credentials).
 */
package dev.gatehouse.rest.mcp.gateway;
