package dev.gatehouse.rest.platform.boundary;

import dev.gatehouse.keys.Workspace;
import dev.gatehouse.rest.platform.control.WorkspaceCache;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * Which workspace a request acts in. A workspace key acts only in its own workspace; a root key
 * names one with {@code X-Workspace-ID}. A workspace outside the caller's reach is a 404, never a
 * 403 that would confirm it exists. The workspace comes from {@link WorkspaceCache}: a change to it
 * holds here once it has committed, and on other instances once they hear of it.
 */
@RequestScoped
public class Tenancy {

    public static final String HEADER = "X-Workspace-ID";

    @Inject
    CurrentRequest current;

    @Inject
    WorkspaceCache workspaces;

    /** The workspace the request acts in; 422 when a root key names none. */
    public long workspaceId() {
        return workspace().id();
    }

    public Workspace workspace() {
        Caller caller = current.caller();
        String header = current.workspaceHeader();
        Long named = header == null || header.isBlank() ? null : parseId(header);
        if (!caller.isRoot()) {
            if (named != null && !named.equals(caller.workspaceId())) {
                throw ApiException.notFound("Workspace not found.");
            }
            return workspaces.find(caller.workspaceId()).orElseThrow(() -> ApiException.notFound("Workspace not found."));
        }
        if (named == null) {
            throw ApiException.validation(HEADER, "is required when a root key calls a workspace endpoint; name the workspace by its id.");
        }
        return workspaces.find(named).orElseThrow(() -> ApiException.notFound("Workspace not found."));
    }

    /** True when the caller may see the workspace with this id. */
    public boolean canReach(long workspaceId) {
        Caller caller = current.caller();
        return caller.isRoot() || caller.workspaceId() == workspaceId;
    }

    public Caller caller() {
        return current.caller();
    }

    private static long parseId(String header) {
        try {
            long id = Long.parseLong(header.trim());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the validation error
        }
        throw ApiException.validation(HEADER, "must be a workspace id (a positive integer).");
    }
}
