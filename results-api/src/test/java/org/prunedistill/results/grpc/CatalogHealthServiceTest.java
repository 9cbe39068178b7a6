package org.prunedistill.results.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import grpc.health.v1.HealthGrpc.HealthBlockingStub;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.prunedistill.api.v1.ResultsServiceGrpc;
import org.prunedistill.api.v1.RunServiceGrpc;
import org.prunedistill.results.CaughtUpResultsApi;
import org.prunedistill.testsupport.EmbeddedStackResource;

/** The standard gRPC health service ({@code grpc.health.v1.Health}) as a client sees it once the catalog caught up. */
@QuarkusTest
@WithTestResource(EmbeddedStackResource.class)
class CatalogHealthServiceTest extends CaughtUpResultsApi {

    @GrpcClient("results-api")
    HealthBlockingStub health;

    @Test
    void theServerAndBothApiServicesAreServingOnceCaughtUp() {
        for (String service : new String[] {"", RunServiceGrpc.SERVICE_NAME, ResultsServiceGrpc.SERVICE_NAME}) {
            assertEquals(ServingStatus.SERVING, health.check(HealthCheckRequest.newBuilder().setService(service)
                    .build()).getStatus(), "service '" + service + "'");
        }
    }

    @Test
    void anUnknownServiceIsNotFound() {
        StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class,
                () -> health.check(HealthCheckRequest.newBuilder().setService("no.such.Service").build()));

        assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());
    }
}
