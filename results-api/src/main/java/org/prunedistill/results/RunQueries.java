package org.prunedistill.results;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.prunedistill.api.v1.ChangeProfile;
import org.prunedistill.api.v1.IdProfile;
import org.prunedistill.api.v1.InformationProfile;
import org.prunedistill.api.v1.Run;
import org.prunedistill.results.domain.RunState;
import org.prunedistill.results.domain.UnknownRunException;
import org.prunedistill.results.mapping.ApiMapping;
import org.prunedistill.results.mapping.ChangeMapping;

/** The read side every adapter (gRPC, REST) serves: consistent snapshots of runs and their profiles. */
@ApplicationScoped
public class RunQueries {

    @Inject
    RunCatalog catalog;

    /** @throws UnknownRunException if no run has the id */
    public Run run(String runId) {
        RunState run = find(runId);
        synchronized (run) {
            return ApiMapping.toRun(run);
        }
    }

    /** Every run, newest first. */
    public List<Run> runs() {
        return catalog.list().stream().map(run -> {
            synchronized (run) {
                return ApiMapping.toRun(run);
            }
        }).toList();
    }

    public IdProfile idProfile(String runId) {
        RunState run = find(runId);
        synchronized (run) {
            return IdProfile.newBuilder().setRunId(run.runId()).addAllPoints(ApiMapping.idPoints(run.results()))
                    .build();
        }
    }

    public InformationProfile informationProfile(String runId) {
        RunState run = find(runId);
        synchronized (run) {
            return InformationProfile.newBuilder().setRunId(run.runId())
                    .addAllPoints(ApiMapping.informationPoints(run.results())).build();
        }
    }

    /** Changes of the information medians between consecutive checkpoints of each layer and between areas. */
    public ChangeProfile changes(String runId) {
        RunState run = find(runId);
        synchronized (run) {
            return ChangeProfile.newBuilder().setRunId(run.runId()).addAllChanges(ChangeMapping.changes(run.spec(),
                    run.sources(), ApiMapping.informationPoints(run.results()))).build();
        }
    }

    /** The live state of a run, for watchers. */
    public RunState find(String runId) {
        return catalog.find(runId).orElseThrow(() -> new UnknownRunException(runId));
    }
}
