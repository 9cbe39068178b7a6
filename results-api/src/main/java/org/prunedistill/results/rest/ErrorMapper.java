package org.prunedistill.results.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.prunedistill.results.domain.UnknownRunException;

/** Unknown runs become 404 with a JSON body that says which. */
@Provider
public class ErrorMapper implements ExceptionMapper<UnknownRunException> {

    @Override
    public Response toResponse(UnknownRunException failure) {
        String message = failure.getMessage().replace("\\", "\\\\").replace("\"", "\\\"");
        return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON)
                .entity("{\"error\":\"" + message + "\"}").build();
    }
}
