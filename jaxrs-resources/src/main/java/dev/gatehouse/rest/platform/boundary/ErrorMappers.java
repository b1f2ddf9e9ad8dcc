package dev.gatehouse.rest.platform.boundary;

import dev.gatehouse.commit.CommitOutcomeUnknownException;
import dev.gatehouse.entitlements.UsageCommitException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place where exceptions become HTTP responses. Gatehouse's own {@link ApiException}s,
 * the cores' exceptions (translated by {@link CoreErrors}), Jersey's own errors (unknown path,
 * wrong method, unsupported media type) and anything unexpected all leave in the error shape of
 * DESIGN.md. Unexpected failures are logged with their request id and answered with a 500 that
 * carries the id and no stack trace.
 */
@ApplicationScoped
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());

    @Inject
    CurrentRequest current;

    @Inject
    Clock clock;

    /** Maps any throwable: a known cause anywhere in the chain wins over a 500. */
    public Response toResponse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CommitOutcomeUnknownException || t instanceof UsageCommitException) {
                return commitOutcomeUnknown(t); // before its cause, which may look like a conflict
            }
        }
        ApiException known = known(e, clock);
        if (known != null) {
            return ErrorResponses.of(known);
        }
        String requestId = requestId();
        LOG.log(Level.SEVERE, "Unexpected failure serving request " + requestId, e);
        return ErrorResponses.of(new ApiException(500, "server_error", "An unexpected error occurred.")
                .with("request_id", requestId));
    }

    /**
     * A group commit's batch failed at its commit: the change may or may not be stored. A 500 that
     * says so, with the request id; a retry with the same id (event id) is applied at most once.
     */
    private Response commitOutcomeUnknown(Throwable e) {
        String requestId = requestId();
        LOG.log(Level.SEVERE, "Commit failed with an unknown outcome serving request " + requestId, e);
        return ErrorResponses.of(new ApiException(500, "server_error",
                "The change could not be committed and may or may not have been stored;"
                        + " retrying with the same id is safe.")
                .with("code", "commit_outcome_unknown").with("request_id", requestId));
    }

    /**
     * The error a throwable is answered with when a cause anywhere in its chain is known (ours, a
     * core's, the JAX-RS runtime's, a conflict), else null (a 500). Also used by the pixel's path
     * in front of Jersey, so both answer the same error.
     */
    public static ApiException known(Throwable e, Clock clock) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
            ApiException translated = CoreErrors.translate(t, clock);
            if (translated != null) {
                return translated;
            }
            if (t instanceof WebApplicationException wae) {
                ApiException api = fromJaxRs(wae);
                if (api != null) {
                    return api;
                }
            }
            if (t instanceof OptimisticLockException) { // e.g. two requests deleting the same row at once
                return ApiException.conflict(
                        "The resource was changed or deleted by another request at the same time; retry the request.");
            }
            if (t instanceof PersistenceException && isConstraintViolation(t)) {
                return ApiException.conflict(
                        "The change conflicts with the current state of the resource; retry the request.");
            }
        }
        return null;
    }

    private static ApiException fromJaxRs(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        ApiException api = status >= 500 ? null : ApiException.forStatus(status);
        if (api != null && e instanceof NotAllowedException && e.getResponse() != null) {
            String allow = e.getResponse().getHeaderString("Allow");
            if (allow != null) {
                api = api.withHeader("Allow", allow);
            }
        }
        return api;
    }

    private static boolean isConstraintViolation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof org.hibernate.exception.ConstraintViolationException) {
                return true;
            }
        }
        return false;
    }

    private String requestId() {
        try {
            String id = current.requestId();
            return id != null ? id : RequestIds.newId();
        } catch (RuntimeException noActiveRequestScope) {
            return RequestIds.newId();
        }
    }

    /** Gatehouse's own errors. */
    @Provider
    @ApplicationScoped
    public static class ApiExceptions implements ExceptionMapper<ApiException> {
        @Override
        public Response toResponse(ApiException e) {
            return ErrorResponses.of(e);
        }
    }

    /** Errors the JAX-RS runtime raises itself (404, 405, 406, 415, …). */
    @Provider
    @ApplicationScoped
    public static class WebApplicationExceptions implements ExceptionMapper<WebApplicationException> {
        @Inject
        ErrorMappers errors;

        @Override
        public Response toResponse(WebApplicationException e) {
            return errors.toResponse(e);
        }
    }

    /** Anything else. */
    @Provider
    @ApplicationScoped
    public static class Unexpected implements ExceptionMapper<Throwable> {
        @Inject
        ErrorMappers errors;

        @Override
        public Response toResponse(Throwable e) {
            return errors.toResponse(e);
        }
    }
}
