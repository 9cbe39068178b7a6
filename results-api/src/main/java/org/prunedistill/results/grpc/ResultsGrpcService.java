package org.prunedistill.results.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Set;
import org.prunedistill.api.v1.ChangeProfile;
import org.prunedistill.api.v1.ChangesRequest;
import org.prunedistill.api.v1.GetFindingsRequest;
import org.prunedistill.api.v1.GetFindingsResponse;
import org.prunedistill.api.v1.GetTrendsRequest;
import org.prunedistill.api.v1.GetTrendsResponse;
import org.prunedistill.api.v1.IdProfile;
import org.prunedistill.api.v1.InformationProfile;
import org.prunedistill.api.v1.ProfileRequest;
import org.prunedistill.api.v1.ResultUpdate;
import org.prunedistill.api.v1.ResultsServiceGrpc;
import org.prunedistill.api.v1.UnitTableList;
import org.prunedistill.api.v1.UnitTablePage;
import org.prunedistill.api.v1.UnitTableRequest;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.results.RunCatalog;
import org.prunedistill.results.RunQueries;
import org.prunedistill.results.UnitTables;
import org.prunedistill.results.domain.RunState;
import org.prunedistill.results.mapping.ApiMapping;
import org.prunedistill.results.mapping.UnitTableMapping;

/** gRPC access to the materialised results of a run. */
@GrpcService
public class ResultsGrpcService extends ResultsServiceGrpc.ResultsServiceImplBase {

    @Inject
    RunCatalog catalog;

    @Inject
    RunQueries queries;

    @Inject
    UnitTables unitTables;

    @Override
    public void getIdProfile(ProfileRequest request, StreamObserver<IdProfile> response) {
        RunGrpcService.respond(response, () -> queries.idProfile(request.getRunId()));
    }

    @Override
    public void getInformationProfile(ProfileRequest request, StreamObserver<InformationProfile> response) {
        RunGrpcService.respond(response, () -> queries.informationProfile(request.getRunId()));
    }

    @Override
    public void getChanges(ChangesRequest request, StreamObserver<ChangeProfile> response) {
        RunGrpcService.respond(response, () -> queries.changes(request.getRunId(), request.getFromCheckpoint(),
                request.getToCheckpoint()));
    }

    @Override
    public void getFindings(GetFindingsRequest request, StreamObserver<GetFindingsResponse> response) {
        RunGrpcService.respond(response, () -> queries.findings(request.getRunId()));
    }

    @Override
    public void getTrends(GetTrendsRequest request, StreamObserver<GetTrendsResponse> response) {
        RunGrpcService.respond(response, () -> queries.trends(request.getRunId()));
    }

    @Override
    public void listUnitTables(ProfileRequest request, StreamObserver<UnitTableList> response) {
        RunGrpcService.respond(response, () -> unitTables.list(request.getRunId()));
    }

    /** Fetches the table once (blocking S3 read, hence off the event loop), then sends it page by page. */
    @Override
    @Blocking
    public void getUnitTable(UnitTableRequest request, StreamObserver<UnitTablePage> response) {
        java.util.List<UnitTablePage> pages;
        try {
            int pageSize = UnitTableMapping.pageSize(request.getPageSize());
            pages = UnitTableMapping.pages(unitTables.table(request.getRunId(), request.getResultKey()), pageSize);
        } catch (RuntimeException e) {
            response.onError(GrpcErrors.toStatus(e));
            return;
        }
        ServerCallStreamObserver<UnitTablePage> call = (ServerCallStreamObserver<UnitTablePage>) response;
        for (UnitTablePage page : pages) {
            if (call.isCancelled()) {
                return;
            }
            call.onNext(page);
        }
        call.onCompleted();
    }

    @Override
    public void watchResults(ProfileRequest request, StreamObserver<ResultUpdate> response) {
        Set<AnalysisResult> sent = new HashSet<>();
        WatchStream.follow(() -> queries.find(request.getRunId()), catalog, response,
                (watch, run) -> sendNew(watch, run, sent));
    }

    /** Sends the results the client has not seen yet; ends the stream once the run has ended. */
    private static void sendNew(WatchStream<ResultUpdate> watch, RunState run, Set<AnalysisResult> sent) {
        for (AnalysisResult result : run.results()) {
            if (sent.add(result)) {
                ApiMapping.updates(result).forEach(update -> watch.send(update, false));
            }
        }
        if (run.terminal()) {
            watch.finish();
        }
    }
}
