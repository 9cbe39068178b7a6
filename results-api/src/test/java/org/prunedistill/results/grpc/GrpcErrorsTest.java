package org.prunedistill.results.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.prunedistill.results.domain.CatalogCatchingUpException;
import org.prunedistill.results.domain.CatchUp;
import org.prunedistill.results.domain.UnknownRunException;

class GrpcErrorsTest {

    @Test
    void aCatalogStillCatchingUpIsUnavailableAndSaysHowFarItIs() {
        StatusRuntimeException status = GrpcErrors.toStatus(new CatalogCatchingUpException(CatchUp.reading(10, 40)));

        assertEquals(Status.Code.UNAVAILABLE, status.getStatus().getCode());
        assertTrue(status.getStatus().getDescription().startsWith("results-api is catching up"),
                status.getStatus().getDescription());
        assertTrue(status.getStatus().getDescription().contains("applied 10 of 40"),
                status.getStatus().getDescription());
    }

    @Test
    void anUnknownRunIsNotFound() {
        assertEquals(Status.Code.NOT_FOUND, GrpcErrors.toStatus(new UnknownRunException("r")).getStatus().getCode());
    }
}
