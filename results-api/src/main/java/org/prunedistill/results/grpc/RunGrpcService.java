package org.prunedistill.results.grpc;

import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import java.util.List;
import org.prunedistill.api.v1.GetRunRequest;
import org.prunedistill.api.v1.ListRunsRequest;
import org.prunedistill.api.v1.ListRunsResponse;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunServiceGrpc;
import org.prunedistill.api.v1.SubmitRunRequest;
import org.prunedistill.results.RunCatalog;
import org.prunedistill.results.RunQueries;
import org.prunedistill.results.RunSubmission;
import org.prunedistill.results.mapping.ApiMapping;

/** gRPC front door for runs: submit, get, list, watch. */
@GrpcService
public class RunGrpcService extends RunServiceGrpc.RunServiceImplBase {

    private static final int DEFAULT_PAGE_SIZE = 50;
    private static final int MAX_PAGE_SIZE = 500;

    @Inject
    RunCatalog catalog;

    @Inject
    RunSubmission submission;

    @Inject
    RunQueries queries;

    @Override
    @Blocking
    public void submitRun(SubmitRunRequest request, StreamObserver<Run> response) {
        respond(response, () -> ApiMapping.toRun(submission.submit(request.getRunId(), request.getSpec())));
    }

    @Override
    public void getRun(GetRunRequest request, StreamObserver<Run> response) {
        respond(response, () -> queries.run(request.getRunId()));
    }

    @Override
    public void listRuns(ListRunsRequest request, StreamObserver<ListRunsResponse> response) {
        respond(response, () -> {
            int pageSize = request.getPageSize() == 0 ? DEFAULT_PAGE_SIZE : request.getPageSize();
            if (pageSize < 0 || pageSize > MAX_PAGE_SIZE) {
                throw new IllegalArgumentException("page_size must be 1.." + MAX_PAGE_SIZE);
            }
            int offset = parseToken(request.getPageToken());
            RunQueries.RunPage runs = queries.runs(offset, pageSize);
            ListRunsResponse.Builder page = ListRunsResponse.newBuilder().addAllRuns(runs.runs());
            if (runs.more()) {
                page.setNextPageToken(Integer.toString(offset + pageSize));
            }
            return page.build();
        });
    }

    @Override
    public void watchRun(GetRunRequest request, StreamObserver<Run> response) {
        WatchStream.follow(() -> queries.find(request.getRunId()), catalog, response,
                (watch, run) -> watch.send(ApiMapping.toRun(run), run.terminal()));
    }

    private static int parseToken(String token) {
        if (token.isEmpty()) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(token);
            if (offset < 0) {
                throw new NumberFormatException();
            }
            return offset;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid page_token '" + token + "'");
        }
    }

    static <T> void respond(StreamObserver<T> response, java.util.function.Supplier<T> body) {
        T value;
        try {
            value = body.get();
        } catch (RuntimeException e) {
            response.onError(GrpcErrors.toStatus(e));
            return;
        }
        response.onNext(value);
        response.onCompleted();
    }
}
