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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.prunedistill.api.v1.FindInputRequest;
import org.prunedistill.api.v1.FindInputResponse;
import org.prunedistill.api.v1.GetRunRequest;
import org.prunedistill.api.v1.InputServiceGrpc;
import org.prunedistill.api.v1.ListRunsRequest;
import org.prunedistill.api.v1.ListRunsResponse;
import org.prunedistill.api.v1.ResultsServiceGrpc;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunServiceGrpc;
import org.prunedistill.api.v1.SubmitRunRequest;
import org.prunedistill.api.v1.UploadInputHeader;
import org.prunedistill.api.v1.UploadInputRequest;
import org.prunedistill.api.v1.UploadInputResponse;
import org.prunedistill.results.security.ApiTokens;

/** The token check on a real gRPC server (Netty, on a free port) in front of a RunService that answers every call. */
class ApiTokenInterceptorTest {

    private static final String TOKEN = "s3cret-token-of-the-test";
    private static final String READ_TOKEN = "read-only-token-of-the-test";
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
        start(Optional.of(TOKEN), Optional.empty());
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> submit(null));
        assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode());
        assertTrue(refused.getStatus().getDescription().contains("SubmitRun needs the header 'authorization: "
                + "Bearer <token>'"), refused.getStatus().getDescription());
    }

    @Test
    void submitWithAWrongTokenIsRefusedWithoutEchoingIt() throws Exception {
        start(Optional.of(TOKEN), Optional.empty());
        for (String header : new String[] {"Bearer " + TOKEN + "x", "Bearer " + TOKEN.substring(1), "Basic " + TOKEN,
                TOKEN, "Bearer "}) {
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> submit(header));
            assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode(), header);
            assertFalse(refused.getStatus().getDescription().contains(TOKEN.substring(1)), header);
        }
    }

    @Test
    void submitWithTheTokenIsServedWhateverTheCaseOfTheScheme() throws Exception {
        start(Optional.of(TOKEN), Optional.empty());
        assertEquals("accepted", submit("Bearer " + TOKEN).getRunId());
        assertEquals("accepted", submit("bearer " + TOKEN).getRunId());
    }

    @Test
    void withoutAReadTokenReadOnlyCallsNeedNoToken() throws Exception {
        start(Optional.of(TOKEN), Optional.empty());
        RunServiceGrpc.RunServiceBlockingStub runs = RunServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
        assertEquals("read", runs.getRun(GetRunRequest.newBuilder().setRunId("read").build()).getRunId());
        assertEquals(0, runs.listRuns(ListRunsRequest.getDefaultInstance()).getRunsCount());
    }

    @Test
    void withoutAConfiguredTokenEverythingIsOpen() throws Exception {
        start(Optional.of("  "), Optional.empty());
        assertEquals("accepted", submit(null).getRunId());
        assertEquals("accepted", submit("Bearer anything").getRunId());
    }

    @Test
    void uploadsAndTheQuestionWhetherAnInputIsThereNeedTheToken() throws Exception {
        start(Optional.of(TOKEN), Optional.empty());
        StatusRuntimeException findRefused = assertThrows(StatusRuntimeException.class, () -> find(null));
        assertEquals(Status.Code.UNAUTHENTICATED, findRefused.getStatus().getCode());
        assertTrue(findRefused.getStatus().getDescription().startsWith("FindInput needs the header"),
                findRefused.getStatus().getDescription());
        ExecutionException uploadRefused = assertThrows(ExecutionException.class, () -> upload(null));
        assertEquals(Status.Code.UNAUTHENTICATED, Status.fromThrowable(uploadRefused.getCause()).getCode());
        assertTrue(Status.fromThrowable(uploadRefused.getCause()).getDescription().startsWith("UploadInput needs"));

        assertFalse(find("Bearer " + TOKEN).getPresent());
        assertEquals(3, upload("Bearer " + TOKEN).getInput().getSize(), "the service saw the three bytes sent");
    }

    @Test
    void withAReadTokenReadsNeedItOrTheTokenAndAreRefusedOtherwise() throws Exception {
        start(Optional.of(TOKEN), Optional.of(READ_TOKEN));
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> getRun(null));
        assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode());
        assertTrue(refused.getStatus().getDescription().startsWith("GetRun needs the header 'authorization: Bearer "
                + "<token>' (the token is results-api's PD_API_READ_TOKEN, or its PD_API_TOKEN)"),
                refused.getStatus().getDescription());
        assertEquals(Status.Code.UNAUTHENTICATED, assertThrows(StatusRuntimeException.class,
                () -> getRun("Bearer " + READ_TOKEN + "x")).getStatus().getCode());
        assertEquals("read", getRun("Bearer " + READ_TOKEN).getRunId());
        assertEquals("read", getRun("Bearer " + TOKEN).getRunId(), "the token that may change state may read");
        assertEquals(Status.Code.UNAUTHENTICATED, assertThrows(StatusRuntimeException.class,
                () -> submit("Bearer " + READ_TOKEN)).getStatus().getCode(), "the read token may not submit");
        assertEquals("accepted", submit("Bearer " + TOKEN).getRunId());
    }

    @Test
    void aReadTokenAloneLeavesCallsThatChangeStateAsOpenAsBefore() throws Exception {
        start(Optional.empty(), Optional.of(READ_TOKEN));
        assertEquals("accepted", submit(null).getRunId());
        assertEquals(Status.Code.UNAUTHENTICATED, assertThrows(StatusRuntimeException.class, () -> getRun(null))
                .getStatus().getCode());
    }

    @Test
    void theListedMethodsReadTheInfrastructureIsOpenAndEveryOtherMethodChangesState() {
        assertEquals(Optional.of(ApiTokens.Access.WRITE),
                ApiTokenInterceptor.access(RunServiceGrpc.getSubmitRunMethod().getFullMethodName()));
        InputServiceGrpc.getServiceDescriptor().getMethods().forEach(method -> assertEquals(
                Optional.of(ApiTokens.Access.WRITE), ApiTokenInterceptor.access(method.getFullMethodName())));
        assertEquals(Optional.of(ApiTokens.Access.WRITE),
                ApiTokenInterceptor.access("prunedistill.api.v1.RunService/CancelRun"));
        assertEquals(Optional.of(ApiTokens.Access.READ),
                ApiTokenInterceptor.access(RunServiceGrpc.getWatchRunMethod().getFullMethodName()));
        assertEquals(Optional.empty(), ApiTokenInterceptor.access("grpc.health.v1.Health/Check"));
        ResultsServiceGrpc.getServiceDescriptor().getMethods().forEach(method -> assertEquals(
                Optional.of(ApiTokens.Access.READ), ApiTokenInterceptor.access(method.getFullMethodName())));
    }

    private Run getRun(String authorization) {
        return RunServiceGrpc.newBlockingStub(channel).withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers(authorization)))
                .getRun(GetRunRequest.newBuilder().setRunId("read").build());
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

    private FindInputResponse find(String authorization) {
        return InputServiceGrpc.newBlockingStub(channel).withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers(authorization)))
                .findInput(FindInputRequest.newBuilder().setSha256("0".repeat(64)).build());
    }

    /** Sends a header and a chunk of three bytes; the answer, or the failure as the future's cause. */
    private UploadInputResponse upload(String authorization) throws Exception {
        CompletableFuture<UploadInputResponse> answer = new CompletableFuture<>();
        StreamObserver<UploadInputRequest> requests = InputServiceGrpc.newStub(channel)
                .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers(authorization)))
                .uploadInput(new StreamObserver<>() {
                    @Override
                    public void onNext(UploadInputResponse value) {
                        answer.complete(value);
                    }

                    @Override
                    public void onError(Throwable failure) {
                        answer.completeExceptionally(failure);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        requests.onNext(UploadInputRequest.newBuilder().setHeader(UploadInputHeader.newBuilder()
                .setSha256("0".repeat(64)).setSize(3)).build());
        requests.onNext(UploadInputRequest.newBuilder().setChunk(com.google.protobuf.ByteString.copyFrom(
                new byte[] {1, 2, 3})).build());
        requests.onCompleted();
        return answer.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
    }

    private static Metadata headers(String authorization) {
        Metadata headers = new Metadata();
        if (authorization != null) {
            headers.put(ApiTokenInterceptor.AUTHORIZATION, authorization);
        }
        return headers;
    }

    private void start(Optional<String> token, Optional<String> readToken) throws Exception {
        ApiTokenInterceptor interceptor = new ApiTokenInterceptor(new ApiTokens(token, readToken));
        server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
                .addService(ServerInterceptors.intercept(new AnsweringRunService(), interceptor))
                .addService(ServerInterceptors.intercept(new CountingInputService(), interceptor))
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

    /** Says no input is present, and answers an upload with the number of bytes it received. */
    private static final class CountingInputService extends InputServiceGrpc.InputServiceImplBase {

        @Override
        public void findInput(FindInputRequest request, StreamObserver<FindInputResponse> response) {
            response.onNext(FindInputResponse.getDefaultInstance());
            response.onCompleted();
        }

        @Override
        public StreamObserver<UploadInputRequest> uploadInput(StreamObserver<UploadInputResponse> response) {
            return new StreamObserver<>() {
                private long received;

                @Override
                public void onNext(UploadInputRequest value) {
                    received += value.getChunk().size();
                }

                @Override
                public void onError(Throwable failure) {
                }

                @Override
                public void onCompleted() {
                    response.onNext(UploadInputResponse.newBuilder().setInput(
                            org.prunedistill.api.v1.StoredInput.newBuilder().setSize(received)).build());
                    response.onCompleted();
                }
            };
        }
    }
}
