package dev.gatehouse.rest.mcp.control;

import dev.gatehouse.rest.mcp.gateway.UpstreamClient;
import dev.gatehouse.rest.mcp.gateway.UpstreamFailure;
import dev.gatehouse.webhooks.UrlPolicy;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The gateway to upstream MCP servers: their tool lists (cached for {@link #TOOLS_TTL}, a failure for
 * {@link #FAILURE_TTL} so a dead upstream does not slow every {@code tools/list}) and tool calls, over one
 * kept session per server. The URL passes the webhook address policy again before every call. Cached
 * entries belong to the server's {@code updated_at}, so a change drops them.
 */
@ApplicationScoped
public class McpGateway {

    /** How long an upstream's tool list is reused. */
    static final Duration TOOLS_TTL = Duration.ofMinutes(5);
    /** How long a failed listing is remembered. */
    static final Duration FAILURE_TTL = Duration.ofSeconds(30);
    /** What MCP allows as a tool name; upstream tools whose prefixed name breaks it are not offered. */
    private static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    UrlPolicy policy;

    @Inject
    Clock clock;

    private UpstreamClient client;
    private final Map<Long, Listed> listings = new ConcurrentHashMap<>();
    private final Map<Long, Opened> sessions = new ConcurrentHashMap<>();

    public McpGateway() {
    }

    /** Outside a container. */
    public McpGateway(UrlPolicy policy, Clock clock, UpstreamClient client) {
        this.policy = policy;
        this.clock = clock;
        this.client = client;
    }

    @PostConstruct
    void start() {
        String version = McpGateway.class.getPackage().getImplementationVersion();
        client = UpstreamClient.create(clock, version == null ? "dev" : version);
    }

    @PreDestroy
    void stop() {
        client.close();
    }

    /**
     * An upstream's offered tools, renamed {@code <slug>__<tool>}, or why they could not be listed.
     *
     * @param tools   the tool definitions as {@code /mcp} lists them
     * @param failure null, or why the upstream could not be asked
     */
    public record Listing(List<JsonObject> tools, UpstreamFailure failure) {
    }

    private record Listed(Instant version, Instant until, List<JsonObject> tools, UpstreamFailure failure) {
    }

    private record Opened(Instant version, UpstreamClient.Session session) {
    }

    /** The server's tools that its {@code allowed_tools} offer. */
    public Listing tools(UpstreamServer server) {
        Instant now = clock.instant();
        Listed cached = listings.get(server.id());
        if (cached == null || !cached.version().equals(server.updatedAt()) || !now.isBefore(cached.until())) {
            cached = list(server, now);
            listings.put(server.id(), cached);
        }
        return new Listing(cached.tools(), cached.failure());
    }

    /**
     * Calls one of the server's tools and returns its {@code CallToolResult} as the upstream gave it
     * (an upstream tool's own failure is {@code isError: true} there).
     *
     * @throws UpstreamFailure when the upstream cannot be asked or does not answer properly
     */
    public JsonObject call(UpstreamServer server, String tool, JsonObject arguments) {
        UpstreamClient.Target target = target(server);
        return inSession(server, target, session -> client.callTool(target, session, tool, arguments));
    }

    /** Runs one request in the server's session; when the upstream forgot it, once more in a new one. */
    private <T> T inSession(UpstreamServer server, UpstreamClient.Target target, Function<UpstreamClient.Session, T> request) {
        try {
            return request.apply(session(server, target));
        } catch (UpstreamClient.SessionExpired expired) {
            sessions.remove(server.id());
        }
        try {
            return request.apply(session(server, target));
        } catch (UpstreamClient.SessionExpired again) {
            sessions.remove(server.id());
            throw new UpstreamFailure(UpstreamFailure.Kind.HTTP_ERROR, "answered HTTP 404 to the session it had just opened");
        }
    }

    /** Drops what is cached for a server (after it is deleted) and ends its upstream session. */
    public void forget(UpstreamServer server) {
        listings.remove(server.id());
        Opened opened = sessions.remove(server.id());
        if (opened != null) {
            try {
                client.close(target(server), opened.session());
            } catch (UpstreamFailure refused) {
                // the address is no longer allowed: nothing to close there
            }
        }
    }

    private Listed list(UpstreamServer server, Instant now) {
        try {
            UpstreamClient.Target target = target(server);
            List<JsonObject> raw = inSession(server, target, session -> client.listTools(target, session));
            List<JsonObject> offered = new ArrayList<>();
            for (JsonObject tool : raw) {
                String name = ((JsonString) tool.get("name")).getString();
                String exposed = server.exposedName(name);
                if (server.allowedTools().allows(name) && TOOL_NAME.matcher(exposed).matches()) {
                    offered.add(JSON.createObjectBuilder(tool).add("name", exposed).build());
                }
            }
            return new Listed(server.updatedAt(), now.plus(TOOLS_TTL), List.copyOf(offered), null);
        } catch (UpstreamFailure failure) {
            return new Listed(server.updatedAt(), now.plus(FAILURE_TTL), List.of(), failure);
        }
    }

    private UpstreamClient.Session session(UpstreamServer server, UpstreamClient.Target target) {
        Opened opened = sessions.get(server.id());
        if (opened != null && opened.version().equals(server.updatedAt())) {
            return opened.session();
        }
        UpstreamClient.Session session = client.initialize(target);
        sessions.put(server.id(), new Opened(server.updatedAt(), session));
        return session;
    }

    private UpstreamClient.Target target(UpstreamServer server) {
        policy.violation(server.url()).ifPresent(rule -> {
            throw new UpstreamFailure(UpstreamFailure.Kind.REFUSED_URL, "may not be called: its URL " + rule);
        });
        return new UpstreamClient.Target(URI.create(server.url()), server.headers(), Duration.ofMillis(server.timeoutMs()));
    }
}
