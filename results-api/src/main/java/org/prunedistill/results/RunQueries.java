package org.prunedistill.results;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.prunedistill.api.v1.ChangeProfile;
import org.prunedistill.api.v1.GetFindingsResponse;
import org.prunedistill.api.v1.GetTrendsResponse;
import org.prunedistill.api.v1.IdProfile;
import org.prunedistill.api.v1.InformationProfile;
import org.prunedistill.api.v1.Run;
import org.prunedistill.results.domain.RunState;
import org.prunedistill.results.domain.UnknownRunException;
import org.prunedistill.results.mapping.ApiMapping;
import org.prunedistill.results.mapping.FindingsMapping;
import org.prunedistill.results.mapping.TrendsMapping;
import org.prunedistill.results.mapping.VerdictMapping;
import org.prunedistill.verdicts.Findings;

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
        return runs(0, Integer.MAX_VALUE).runs();
    }

    /** At most {@code limit} runs, newest first, from the {@code offset}-th; only those are mapped. */
    public RunPage runs(int offset, int limit) {
        List<RunState> all = catalog.list();
        List<Run> page = all.subList(Math.min(offset, all.size()), (int) Math.min((long) offset + limit, all.size()))
                .stream().map(run -> {
                    synchronized (run) {
                        return ApiMapping.toRun(run);
                    }
                }).toList();
        return new RunPage(page, (long) offset + limit < all.size());
    }

    /** A page of runs and whether more follow it. */
    public record RunPage(List<Run> runs, boolean more) {
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

    /**
     * Changes of the information medians of each layer from one checkpoint to another (both empty: between
     * consecutive checkpoints), and between areas.
     *
     * @throws IllegalArgumentException when only one of the two checkpoints is named
     */
    public ChangeProfile changes(String runId, String fromCheckpoint, String toCheckpoint) {
        if (fromCheckpoint.isEmpty() != toCheckpoint.isEmpty()) {
            throw new IllegalArgumentException("name both from_checkpoint and to_checkpoint, or neither (got '"
                    + fromCheckpoint + "' and '" + toCheckpoint + "')");
        }
        if (!fromCheckpoint.isEmpty()) {
            RequestLimits.name("from_checkpoint", fromCheckpoint);
            RequestLimits.name("to_checkpoint", toCheckpoint);
        }
        RunState run = find(runId);
        synchronized (run) {
            VerdictMapping verdicts = new VerdictMapping(ApiMapping.informationPoints(run.results()));
            return ChangeProfile.newBuilder().setRunId(run.runId()).addAllChanges(fromCheckpoint.isEmpty()
                    ? verdicts.consecutive(run.spec(), run.sources())
                    : verdicts.between(run.spec(), run.sources(), fromCheckpoint, toCheckpoint))
                    .build();
        }
    }

    /**
     * What the run found ({@link Findings}): the hunchback per checkpoint, the training questions from the first to
     * the last checkpoint, and the questions along the hierarchy.
     */
    public GetFindingsResponse findings(String runId) {
        RunState run = find(runId);
        synchronized (run) {
            VerdictMapping verdicts = new VerdictMapping(ApiMapping.informationPoints(run.results()));
            return FindingsMapping.toApi(run.runId(), findings(run, verdicts), verdicts);
        }
    }

    /** The questions along the hierarchy ({@link Findings#trends}), as {@link #findings} embeds them. */
    public GetTrendsResponse trends(String runId) {
        RunState run = find(runId);
        synchronized (run) {
            VerdictMapping verdicts = new VerdictMapping(ApiMapping.informationPoints(run.results()));
            return GetTrendsResponse.newBuilder().setRunId(run.runId())
                    .addAllQuestions(TrendsMapping.toApi(findings(run, verdicts).trends(), verdicts)).build();
        }
    }

    private static Findings findings(RunState run, VerdictMapping verdicts) {
        return Findings.of(VerdictMapping.trainingOrder(run.spec()), verdicts.twoNn(run.results()),
                verdicts.sources(run.sources()), verdicts.medians());
    }

    /** The live state of a run, for watchers. */
    public RunState find(String runId) {
        RequestLimits.runId("run_id", runId);
        return catalog.find(runId).orElseThrow(() -> new UnknownRunException(runId));
    }
}
