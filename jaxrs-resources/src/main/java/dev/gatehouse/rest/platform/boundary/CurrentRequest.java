package dev.gatehouse.rest.platform.boundary;

import jakarta.enterprise.context.RequestScoped;

/**
 * What Gatehouse knows about the request being served: its id and, once the auth filter has run,
 * the authenticated caller. Request scoped, so filters, resources and exception mappers share it.
 */
@RequestScoped
public class CurrentRequest {

    private String requestId;
    private Caller caller;
    private String workspaceHeader;

    public String requestId() {
        return requestId;
    }

    void requestId(String id) {
        this.requestId = id;
    }

    /** The authenticated caller; only null on endpoints that need no authentication. */
    public Caller caller() {
        return caller;
    }

    public void caller(Caller caller) {
        this.caller = caller;
    }

    /** The raw {@code X-Workspace-ID} header, or null. */
    public String workspaceHeader() {
        return workspaceHeader;
    }

    void workspaceHeader(String value) {
        this.workspaceHeader = value;
    }
}
