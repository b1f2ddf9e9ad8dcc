package dev.gatehouse.rest.mcp.control;

import dev.gatehouse.rest.mcp.gateway.ToolPatterns;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An upstream MCP server registered in a workspace.
 *
 * @param id           the row id (internal; the API names servers by slug)
 * @param workspaceId  the workspace it belongs to
 * @param slug         its id in the API and the prefix of its tools ({@code <slug>__<tool>})
 * @param name         display name
 * @param description  description, or null
 * @param url          its Streamable HTTP endpoint
 * @param headerNames  the names of the stored headers (shown)
 * @param headers      the stored headers with their values (credentials; never shown, never printed)
 * @param allowedTools which of its tools are offered (empty: all)
 * @param timeoutMs    the deadline of each call to it
 * @param createdAt    when it was registered
 * @param updatedAt    when it was last changed (also the version its cached tools belong to)
 */
public record UpstreamServer(long id, long workspaceId, String slug, String name, String description, String url,
                             List<String> headerNames, Map<String, String> headers, ToolPatterns allowedTools,
                             int timeoutMs, Instant createdAt, Instant updatedAt) {

    public UpstreamServer {
        headerNames = List.copyOf(headerNames);
        headers = Map.copyOf(headers);
    }

    /** The name {@code /mcp} gives one of its tools. */
    public String exposedName(String tool) {
        return slug + UpstreamSpec.SEPARATOR + tool;
    }

    @Override
    public String toString() {
        return "UpstreamServer[id=" + id + ", workspaceId=" + workspaceId + ", slug=" + slug + ", headers=" + headerNames
                + " (values redacted)]";
    }
}
