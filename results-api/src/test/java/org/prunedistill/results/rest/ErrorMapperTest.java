package org.prunedistill.results.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.prunedistill.results.domain.CatalogCatchingUpException;
import org.prunedistill.results.domain.CatchUp;

class ErrorMapperTest {

    @Test
    void aCatalogStillCatchingUpIsServiceUnavailableWithRetryAfter() {
        Response response = new ErrorMapper().catchingUp(new CatalogCatchingUpException(CatchUp.waiting("Kafka")));

        assertEquals(503, response.getStatus());
        assertEquals("1", response.getHeaderString("Retry-After"));
        assertTrue(response.getEntity().toString().contains("catching up: waiting for Kafka"),
                response.getEntity().toString());
    }
}
