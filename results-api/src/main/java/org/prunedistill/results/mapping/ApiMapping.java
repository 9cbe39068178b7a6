package org.prunedistill.results.mapping;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.prunedistill.api.v1.AnalysisFailure;
import org.prunedistill.api.v1.IdPoint;
import org.prunedistill.api.v1.InformationPoint;
import org.prunedistill.api.v1.ResultUpdate;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunStatus;
import org.prunedistill.api.v1.SourceStatus;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.results.domain.FailedAnalysis;
import org.prunedistill.results.domain.RunState;

/**
 * Turns the materialised state and the typed result events into API messages: runs with their typed failures, ID
 * points ({@link IdPointMapping}) and information points ({@link InformationPointMapping}), in hierarchy order.
 */
public final class ApiMapping {

    static final Comparator<SourceRef> HIERARCHY = Comparator
            .comparing(SourceRef::getKind)
            .thenComparing(SourceRef::getOrigin)
            .thenComparing(SourceRef::getCheckpoint)
            .thenComparingInt(SourceRef::getOrder)
            .thenComparing(SourceRef::getName);

    private static final Comparator<AnalysisResult> RESULT_ORDER = Comparator
            .comparing(AnalysisResult::getSource, HIERARCHY)
            .thenComparing(AnalysisResult::getEstimator)
            .thenComparing(AnalysisResult::getResultKey);

    private ApiMapping() {
    }

    public static Run toRun(RunState state) {
        Run.Builder run = Run.newBuilder()
                .setRunId(state.runId())
                .setStatus(status(state))
                .setSpec(state.spec())
                .setSubmittedAtMs(state.submittedAtMs())
                .setUpdatedAtMs(state.updatedAtMs())
                .addAllWarnings(state.warnings())
                .setFailureReason(state.failureReason())
                .setProgress(state.progress())
                .setResults(state.resultCount());
        state.sources().stream().sorted(HIERARCHY).forEach(source -> run.addSources(SourceStatus.newBuilder()
                .setSource(source)
                .addAllAnalysesDone(state.analysesDone(source))
                .addAllFailures(state.failures(source).stream().map(ApiMapping::failure).toList())
                .putAllProvenance(state.provenance(source))));
        return run.build();
    }

    static AnalysisFailure failure(FailedAnalysis failure) {
        return AnalysisFailure.newBuilder().setAnalysis(failure.analysis()).setReason(failure.reason()).build();
    }

    private static RunStatus status(RunState state) {
        return switch (state.phase()) {
            case SUBMITTED -> RunStatus.RUN_STATUS_SUBMITTED;
            case EXTRACTING -> RunStatus.RUN_STATUS_EXTRACTING;
            case ANALYSING -> RunStatus.RUN_STATUS_ANALYSING;
            case COMPLETED -> RunStatus.RUN_STATUS_COMPLETED;
            case FAILED -> RunStatus.RUN_STATUS_FAILED;
        };
    }

    /** ID points of the results, in hierarchy order (a curve's points in its own order). */
    public static List<IdPoint> idPoints(Iterable<AnalysisResult> results) {
        return stream(results).filter(ApiMapping::isIntrinsicDimension).sorted(RESULT_ORDER)
                .flatMap(result -> IdPointMapping.points(result).stream())
                .toList();
    }

    /**
     * Information points of the results, in hierarchy order. I(R;S) is in both decompositions with the same value and
     * is listed once.
     */
    public static List<InformationPoint> informationPoints(Iterable<AnalysisResult> results) {
        Set<List<Object>> seen = new HashSet<>();
        return stream(results).filter(ApiMapping::isInformation).sorted(RESULT_ORDER)
                .flatMap(result -> InformationPointMapping.points(result).stream())
                .filter(point -> seen.add(List.of(point.getSource(), point.getMeasure())))
                .toList();
    }

    /** Whether the result is an intrinsic dimension (by its summary's kind). */
    public static boolean isIntrinsicDimension(AnalysisResult result) {
        return switch (result.getSummaryCase()) {
            case TWO_NN, TWO_NN_MLE, DECIMATION, GRIDE, PC_ID, PARTICIPATION_RATIO -> true;
            default -> false;
        };
    }

    /** Whether the result is about single-unit information or decoding (by its summary's kind). */
    public static boolean isInformation(AnalysisResult result) {
        return switch (result.getSummaryCase()) {
            case INFORMATION, SIGNIFICANCE, DECODING -> true;
            default -> false;
        };
    }

    /** The points of one result, as a WatchResults stream sends them. */
    public static List<ResultUpdate> updates(AnalysisResult result) {
        if (isIntrinsicDimension(result)) {
            return IdPointMapping.points(result).stream()
                    .map(point -> ResultUpdate.newBuilder().setIdPoint(point).build()).toList();
        }
        return informationPoints(List.of(result)).stream()
                .map(point -> ResultUpdate.newBuilder().setInformationPoint(point).build()).toList();
    }

    private static Stream<AnalysisResult> stream(Iterable<AnalysisResult> results) {
        return StreamSupport.stream(results.spliterator(), false);
    }
}
