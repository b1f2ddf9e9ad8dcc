package dev.gatehouse.rest.mcp.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A row of {@code mcp_upstream_servers}. {@code headers} is the encrypted JSON object of request
 * headers; {@code headerNames} their names, space-separated; {@code allowedTools} a JSON array or null.
 */
@Entity
@Table(name = "mcp_upstream_servers")
public class UpstreamServerEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "workspace_id", nullable = false)
    public Long workspaceId;

    @Column(nullable = false, length = 40)
    public String slug;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(length = 1000)
    public String description;

    @Column(nullable = false, length = 2048)
    public String url;

    @Column(length = 20000)
    public String headers;

    @Column(name = "header_names", length = 2000)
    public String headerNames;

    @Column(name = "allowed_tools", length = 14000)
    public String allowedTools;

    @Column(name = "timeout_ms", nullable = false)
    public int timeoutMs;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
