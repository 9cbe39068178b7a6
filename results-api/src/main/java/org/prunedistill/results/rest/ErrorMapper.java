package org.prunedistill.results.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.prunedistill.results.domain.CatalogCatchingUpException;
import org.prunedistill.results.domain.NoUnitTableException;
import org.prunedistill.results.domain.UnknownResultException;
import org.prunedistill.results.domain.UnknownRunException;

/**
 * Unknown runs, unknown results and results without a per-unit table become 404, invalid request parameters 400, a
 * catalog still catching up 503 with Retry-After, each with a JSON body that says which.
 */
public class ErrorMapper {

    private static final int RETRY_AFTER_SECONDS = 1;

    @ServerExceptionMapper
    public Response invalidArgument(IllegalArgumentException failure) {
        return error(Response.Status.BAD_REQUEST, failure.getMessage());
    }

    /** While the catalog catches up: 503, and when to ask again. */
    @ServerExceptionMapper
    public Response catchingUp(CatalogCatchingUpException failure) {
        return Response.fromResponse(error(Response.Status.SERVICE_UNAVAILABLE, failure.getMessage()))
                .header("Retry-After", RETRY_AFTER_SECONDS).build();
    }

    @ServerExceptionMapper
    public Response unknownRun(UnknownRunException failure) {
        return notFound(failure);
    }

    @ServerExceptionMapper
    public Response unknownResult(UnknownResultException failure) {
        return notFound(failure);
    }

    @ServerExceptionMapper
    public Response noUnitTable(NoUnitTableException failure) {
        return notFound(failure);
    }

    /** A JSON error body with the failure's message. */
    static Response error(Response.Status status, String message) {
        String escaped = message.replace("\\", "\\\\").replace("\"", "\\\"");
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity("{\"error\":\"" + escaped + "\"}")
                .build();
    }

    private static Response notFound(RuntimeException failure) {
        return error(Response.Status.NOT_FOUND, failure.getMessage());
    }
}
