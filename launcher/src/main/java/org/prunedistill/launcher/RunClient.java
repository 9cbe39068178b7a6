package org.prunedistill.launcher;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.prunedistill.api.v1.ChangeProfile;
import org.prunedistill.api.v1.ChangesRequest;
import org.prunedistill.api.v1.GetRunRequest;
import org.prunedistill.api.v1.IdProfile;
import org.prunedistill.api.v1.InformationProfile;
import org.prunedistill.api.v1.ProfileRequest;
import org.prunedistill.api.v1.ResultsServiceGrpc;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunServiceGrpc;
import org.prunedistill.api.v1.RunStatus;
import org.prunedistill.api.v1.SubmitRunRequest;
import org.prunedistill.events.v1.RunSpec;

/** A gRPC client of results-api: submits a run, follows it and reads its profiles. */
public final class RunClient implements AutoCloseable {

    private static final Duration CALL_DEADLINE = Duration.ofSeconds(30);

    private final ManagedChannel channel;
    private final RunServiceGrpc.RunServiceBlockingStub runs;
    private final ResultsServiceGrpc.ResultsServiceBlockingStub results;

    public RunClient(String target) {
        this.channel = ManagedChannelBuilder.forTarget(target).usePlaintext().build();
        this.runs = RunServiceGrpc.newBlockingStub(channel);
        this.results = ResultsServiceGrpc.newBlockingStub(channel);
    }

    public Run submit(String runId, RunSpec spec) {
        return runs.withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                .submitRun(SubmitRunRequest.newBuilder().setRunId(runId).setSpec(spec).build());
    }

    public Run get(String runId) {
        return runs.withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                .getRun(GetRunRequest.newBuilder().setRunId(runId).build());
    }

    /**
     * Follows a run until it completes or fails, telling {@code onUpdate} about every change.
     *
     * @return the run in its final state
     */
    public Run follow(String runId, Duration timeout, Consumer<Run> onUpdate) {
        Iterator<Run> updates = runs.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .watchRun(GetRunRequest.newBuilder().setRunId(runId).build());
        Run last = null;
        while (updates.hasNext()) {
            last = updates.next();
            onUpdate.accept(last);
        }
        if (last == null || !(last.getStatus() == RunStatus.RUN_STATUS_COMPLETED
                || last.getStatus() == RunStatus.RUN_STATUS_FAILED)) {
            throw new IllegalStateException("the watch of run " + runId + " ended before the run did");
        }
        return last;
    }

    public IdProfile idProfile(String runId) {
        return results.withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                .getIdProfile(ProfileRequest.newBuilder().setRunId(runId).build());
    }

    /** The changes of the information medians of each layer from one checkpoint straight to another. */
    public ChangeProfile changes(String runId, String fromCheckpoint, String toCheckpoint) {
        return results.withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                .getChanges(ChangesRequest.newBuilder().setRunId(runId).setFromCheckpoint(fromCheckpoint)
                        .setToCheckpoint(toCheckpoint).build());
    }

    public InformationProfile informationProfile(String runId) {
        return results.withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                .getInformationProfile(ProfileRequest.newBuilder().setRunId(runId).build());
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdown();
        if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
            channel.shutdownNow();
        }
    }
}
