package org.prunedistill.results.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.prunedistill.api.v1.GetRunRequest;
import org.prunedistill.api.v1.ListRunsRequest;
import org.prunedistill.api.v1.ListRunsResponse;
import org.prunedistill.api.v1.ResultsServiceGrpc;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunServiceGrpc;
import org.prunedistill.api.v1.SubmitRunRequest;

/** The token check on a real gRPC server (Netty, on a free port) in front of a RunService that answers every call. */
class ApiTokenInterceptorTest {

    private static final String TOKEN = "s3cret-token-of-the-test";
    private static final long DEADLINE_SECONDS = 20;

    private Server server;
    private ManagedChannel channel;

    @AfterEach
    void stop() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(DEADLINE_SECONDS, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.shutdownNow().awaitTermination(DEADLINE_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Test
    void submitWithoutATokenIsUnauthenticatedAndNeverReachesTheService() throws Exception {
        start(Optional.of(TOKEN));
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> submit(null));
        assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode());
        assertTrue(refused.getStatus().getDescription().contains("SubmitRun needs the header 'authorization: "
                + "Bearer <token>'"), refused.getStatus().getDescription());
    }

    @Test
    void submitWithAWrongTokenIsRefusedWithoutEchoingIt() throws Exception {
        start(Optional.of(TOKEN));
        for (String header : new String[] {"Bearer " + TOKEN + "x", "Bearer " + TOKEN.substring(1), "Basic " + TOKEN,
                TOKEN, "Bearer "}) {
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> submit(header));
            assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode(), header);
            assertFalse(refused.getStatus().getDescription().contains(TOKEN.substring(1)), header);
        }
    }

    @Test
    void submitWithTheTokenIsServedWhateverTheCaseOfTheScheme() throws Exception {
        start(Optional.of(TOKEN));
        assertEquals("accepted", submit("Bearer " + TOKEN).getRunId());
        assertEquals("accepted", submit("bearer " + TOKEN).getRunId());
    }

    @Test
    void readOnlyCallsNeedNoToken() throws Exception {
        start(Optional.of(TOKEN));
        RunServiceGrpc.RunServiceBlockingStub runs = RunServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
        assertEquals("read", runs.getRun(GetRunRequest.newBuilder().setRunId("read").build()).getRunId());
        assertEquals(0, runs.listRuns(ListRunsRequest.getDefaultInstance()).getRunsCount());
    }

    @Test
    void withoutAConfiguredTokenEverythingIsOpen() throws Exception {
        start(Optional.of("  "));
        assertEquals("accepted", submit(null).getRunId());
        assertEquals("accepted", submit("Bearer anything").getRunId());
    }

    @Test
    void onlyTheListedReadMethodsAndTheInfrastructureServicesAreOpen() {
        assertFalse(ApiTokenInterceptor.isOpen(RunServiceGrpc.getSubmitRunMethod().getFullMethodName()));
        assertFalse(ApiTokenInterceptor.isOpen("prunedistill.api.v1.RunService/CancelRun"));
        assertTrue(ApiTokenInterceptor.isOpen(RunServiceGrpc.getWatchRunMethod().getFullMethodName()));
        assertTrue(ApiTokenInterceptor.isOpen("grpc.health.v1.Health/Check"));
        ResultsServiceGrpc.getServiceDescriptor().getMethods().forEach(method ->
                assertTrue(ApiTokenInterceptor.isOpen(method.getFullMethodName()), method.getFullMethodName()));
    }

    private Run submit(String authorization) {
        RunServiceGrpc.RunServiceBlockingStub runs = RunServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
        if (authorization != null) {
            Metadata headers = new Metadata();
            headers.put(ApiTokenInterceptor.AUTHORIZATION, authorization);
            runs = runs.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        }
        return runs.submitRun(SubmitRunRequest.newBuilder().setRunId("accepted").build());
    }

    private void start(Optional<String> token) throws Exception {
        server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
                .addService(ServerInterceptors.intercept(new AnsweringRunService(), new ApiTokenInterceptor(token)))
                .build().start();
        channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.getPort(), InsecureChannelCredentials.create())
                .build();
    }

    /** Answers every call with the run id it was asked about. */
    private static final class AnsweringRunService extends RunServiceGrpc.RunServiceImplBase {

        @Override
        public void submitRun(SubmitRunRequest request, StreamObserver<Run> response) {
            response.onNext(Run.newBuilder().setRunId(request.getRunId()).build());
            response.onCompleted();
        }

        @Override
        public void getRun(GetRunRequest request, StreamObserver<Run> response) {
            response.onNext(Run.newBuilder().setRunId(request.getRunId()).build());
            response.onCompleted();
        }

        @Override
        public void listRuns(ListRunsRequest request, StreamObserver<ListRunsResponse> response) {
            response.onNext(ListRunsResponse.getDefaultInstance());
            response.onCompleted();
        }
    }
}
