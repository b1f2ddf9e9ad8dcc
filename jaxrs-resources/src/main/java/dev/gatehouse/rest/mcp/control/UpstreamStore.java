package dev.gatehouse.rest.mcp.control;

import dev.gatehouse.errors.ValidationException;
import dev.gatehouse.rest.cluster.control.CacheChanges;
import dev.gatehouse.rest.mcp.entity.UpstreamServerEntity;
import dev.gatehouse.rest.mcp.gateway.ToolPatterns;
import dev.gatehouse.rest.workspaces.entity.WorkspaceEntity;
import dev.gatehouse.webhooks.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The upstream MCP servers of each workspace ({@code mcp_upstream_servers}); header values are
 * encrypted with the secrets key on the way in and decrypted only into {@link UpstreamServer}. Every
 * registration, change and removal is announced in its transaction ({@link CacheChanges}), so that
 * {@link UpstreamServers} on every instance drops the workspace's servers once it committed.
 */
@ApplicationScoped
@Transactional
public class UpstreamStore {

    private static final JsonProvider JSON = JsonProvider.provider();

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    SecretCipher cipher;

    @Inject
    CacheChanges changes;

    public UpstreamStore() {
    }

    /** Outside a container: each method runs in the caller's transaction on {@code em}. */
    public UpstreamStore(EntityManager em, Clock clock, SecretCipher cipher) {
        this.em = em;
        this.clock = clock;
        this.cipher = cipher;
    }

    /**
     * Registers a server; the spec must have been validated.
     *
     * @throws DuplicateSlug when the workspace already has a server with that slug
     * @throws ValidationException when the workspace has {@value UpstreamSpec#MAX_SERVERS} servers already
     */
    public UpstreamServer create(long workspaceId, UpstreamSpec spec) {
        // Registrations of one workspace take turns on its row, so the count and the duplicate
        // check below see each other (two at once otherwise both insert and one fails at commit).
        em.find(WorkspaceEntity.class, workspaceId, LockModeType.PESSIMISTIC_WRITE);
        long count = em.createQuery("SELECT COUNT(s) FROM UpstreamServerEntity s WHERE s.workspaceId = :ws", Long.class)
                .setParameter("ws", workspaceId).getSingleResult();
        if (count >= UpstreamSpec.MAX_SERVERS) {
            throw new ValidationException("id", "this workspace already has " + UpstreamSpec.MAX_SERVERS
                    + " MCP servers, the most it may register.");
        }
        if (entity(workspaceId, spec.slug()).isPresent()) {
            throw new DuplicateSlug(spec.slug());
        }
        UpstreamServerEntity e = new UpstreamServerEntity();
        e.workspaceId = workspaceId;
        e.slug = spec.slug();
        e.createdAt = clock.instant();
        e.timeoutMs = UpstreamSpec.DEFAULT_TIMEOUT_MS;
        apply(e, spec);
        em.persist(e);
        em.flush();
        changed(workspaceId);
        return toServer(e);
    }

    public Optional<UpstreamServer> find(long workspaceId, String slug) {
        return entity(workspaceId, slug).map(this::toServer);
    }

    /** The workspace's servers by slug. */
    public List<UpstreamServer> list(long workspaceId) {
        return em.createQuery("SELECT s FROM UpstreamServerEntity s WHERE s.workspaceId = :ws ORDER BY s.slug",
                UpstreamServerEntity.class).setParameter("ws", workspaceId).getResultList().stream().map(this::toServer).toList();
    }

    /** Applies the non-null fields of a validated spec; empty when the workspace has no such server. */
    public Optional<UpstreamServer> update(long workspaceId, String slug, UpstreamSpec spec) {
        Optional<UpstreamServerEntity> found = entity(workspaceId, slug);
        found.ifPresent(e -> {
            apply(e, spec);
            em.flush();
            changed(workspaceId);
        });
        return found.map(this::toServer);
    }

    /** False when the workspace has no such server. */
    public boolean delete(long workspaceId, String slug) {
        boolean deleted = em.createQuery("DELETE FROM UpstreamServerEntity s WHERE s.workspaceId = :ws AND s.slug = :slug")
                .setParameter("ws", workspaceId).setParameter("slug", slug).executeUpdate() > 0;
        if (deleted) {
            changed(workspaceId);
        }
        return deleted;
    }

    /** Outside a container there is no cache to tell. */
    private void changed(long workspaceId) {
        if (changes != null) {
            changes.mcpServersChanged(workspaceId);
        }
    }

    /** A slug the workspace already uses. */
    public static final class DuplicateSlug extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DuplicateSlug(String slug) {
            super("This workspace already has an MCP server with id " + slug + ".");
        }
    }

    private Optional<UpstreamServerEntity> entity(long workspaceId, String slug) {
        return em.createQuery("SELECT s FROM UpstreamServerEntity s WHERE s.workspaceId = :ws AND s.slug = :slug",
                        UpstreamServerEntity.class).setParameter("ws", workspaceId).setParameter("slug", slug)
                .getResultStream().findFirst();
    }

    /** Null fields keep the stored value; an empty description, header map or tool list clears it. */
    private void apply(UpstreamServerEntity e, UpstreamSpec spec) {
        if (spec.name() != null) {
            e.name = spec.name();
        }
        if (spec.description() != null) {
            e.description = spec.description().isEmpty() ? null : spec.description();
        }
        if (spec.url() != null) {
            e.url = spec.url();
        }
        if (spec.headers() != null) {
            Map<String, String> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            sorted.putAll(spec.headers());
            JsonObjectBuilder json = JSON.createObjectBuilder();
            sorted.forEach(json::add);
            e.headers = sorted.isEmpty() ? null : cipher.encrypt(json.build().toString());
            e.headerNames = sorted.isEmpty() ? null : String.join(" ", sorted.keySet());
        }
        if (spec.allowedTools() != null) {
            JsonArrayBuilder tools = JSON.createArrayBuilder();
            spec.allowedTools().forEach(tools::add);
            e.allowedTools = spec.allowedTools().isEmpty() ? null : tools.build().toString();
        }
        if (spec.timeoutMs() != null) {
            e.timeoutMs = spec.timeoutMs();
        }
        e.updatedAt = clock.instant();
    }

    UpstreamServer toServer(UpstreamServerEntity e) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (e.headers != null) {
            JsonObject json = JSON.createReader(new StringReader(cipher.decrypt(e.headers))).readObject();
            json.forEach((k, v) -> headers.put(k, ((JsonString) v).getString()));
        }
        List<String> names = e.headerNames == null ? List.of() : Arrays.asList(e.headerNames.split(" "));
        List<String> tools = e.allowedTools == null ? List.of() : JSON.createReader(new StringReader(e.allowedTools))
                .readArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        return new UpstreamServer(e.id, e.workspaceId, e.slug, e.name, e.description, e.url, names, headers,
                ToolPatterns.of(tools), e.timeoutMs, e.createdAt, e.updatedAt);
    }
}
