package org.prunedistill.results.grpc;

import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import grpc.health.v1.MutinyHealthGrpc;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.Set;
import org.prunedistill.api.v1.ResultsServiceGrpc;
import org.prunedistill.api.v1.RunServiceGrpc;
import org.prunedistill.results.RunCatalog;

/**
 * The standard gRPC health service ({@code grpc.health.v1.Health}), answering as the readiness check does: the
 * server and both API services are NOT_SERVING until the catalog has caught up with the topics, SERVING afterwards.
 * It replaces Quarkus's own, whose status turns SERVING as soon as the server listens.
 */
@GrpcService
public class CatalogHealthService extends MutinyHealthGrpc.HealthImplBase {

    /** "" is the server as a whole. */
    private static final Set<String> SERVICES = Set.of("", RunServiceGrpc.SERVICE_NAME,
            ResultsServiceGrpc.SERVICE_NAME);

    @Inject
    RunCatalog catalog;

    @Override
    public Uni<HealthCheckResponse> check(HealthCheckRequest request) {
        if (!SERVICES.contains(request.getService())) {
            return Uni.createFrom().failure(unknown(request));
        }
        return Uni.createFrom().item(response(current()));
    }

    /** The current status, then SERVING once the catalog catches up; the stream stays open (as the protocol says). */
    @Override
    public Multi<HealthCheckResponse> watch(HealthCheckRequest request) {
        if (!SERVICES.contains(request.getService())) {
            return Multi.createFrom().failure(unknown(request));
        }
        return Multi.createBy().concatenating().streams(
                        Multi.createFrom().item(current()),
                        Multi.createFrom().completionStage(
                                catalog.whenCaughtUp().thenApply(ignored -> ServingStatus.SERVING)),
                        Multi.createFrom().nothing())
                .skip().repetitions()
                .map(CatalogHealthService::response);
    }

    private static RuntimeException unknown(HealthCheckRequest request) {
        return Status.NOT_FOUND.withDescription("unknown service '" + request.getService() + "'; known: "
                + SERVICES).asRuntimeException();
    }

    private ServingStatus current() {
        return catalog.caughtUp() ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
    }

    private static HealthCheckResponse response(ServingStatus status) {
        return HealthCheckResponse.newBuilder().setStatus(status).build();
    }
}
