package org.prunedistill.results.mapping;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.prunedistill.api.v1.IdPoint;
import org.prunedistill.api.v1.InformationPoint;
import org.prunedistill.api.v1.Run;
import org.prunedistill.api.v1.RunStatus;
import org.prunedistill.api.v1.SourceStatus;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.Estimate;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.results.domain.RunState;

/** Turns the materialised state and result events into API messages. */
public final class ApiMapping {

    /** Corrections an information result carries, in the order they are listed. */
    public static final List<String> CORRECTIONS = List.of("plugin", "panzeri-treves");
    /** A decoding summary of the info-decoder: quantity, then "above-chance" or "percent-correct". */
    private static final Pattern DECODING =
            Pattern.compile("(.+)\\.(above-chance|percent-correct)\\.(?:median|mean)");
    private static final Pattern POPULATION_SIZE =
            Pattern.compile("^population .* \\((\\d+) units\\)$");

    static final Comparator<SourceRef> HIERARCHY = Comparator
            .comparing(SourceRef::getKind)
            .thenComparing(SourceRef::getOrigin)
            .thenComparing(SourceRef::getCheckpoint)
            .thenComparingInt(SourceRef::getOrder)
            .thenComparing(SourceRef::getName);

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
                .addAllFailures(state.failures(source))
                .putAllProvenance(state.provenance(source))));
        return run.build();
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

    /** ID points of the results, in hierarchy order. */
    public static List<IdPoint> idPoints(Iterable<AnalysisResult> results) {
        return stream(results).filter(ApiMapping::isIntrinsicDimension)
                .sorted(Comparator.comparing(AnalysisResult::getSource, HIERARCHY)
                        .thenComparing(AnalysisResult::getEstimator)
                        .thenComparingInt(result -> Integer.parseInt(result.getParametersOrDefault("n1", "0")))
                        .thenComparingInt(result -> -Integer.parseInt(result.getParametersOrDefault("size", "0")))
                        .thenComparing(AnalysisResult::getResultKey))
                .map(ApiMapping::toIdPoint)
                .toList();
    }

    /** Information points of the results, one per quantity and correction, in hierarchy order. */
    public static List<InformationPoint> informationPoints(Iterable<AnalysisResult> results) {
        return stream(results).filter(ApiMapping::isInformation)
                .sorted(Comparator.comparing(AnalysisResult::getSource, HIERARCHY)
                        .thenComparing(AnalysisResult::getEstimator)
                        .thenComparing(AnalysisResult::getResultKey))
                .flatMap(result -> Stream.concat(
                        CORRECTIONS.stream().map(correction -> toInformationPoint(result, correction))
                                .flatMap(Optional::stream),
                        paperPoints(result).stream()))
                .filter(distinctBy(point -> point.getSource().toString() + point.getQuantity() + "/"
                        + point.getCorrection()))
                .toList();
    }

    /**
     * The per-unit paper quantities of the info-decoder (SCIENCE.md 4.4-4.5) as information points: every
     * {@code <quantity>.pt.median} / {@code <quantity>.plugin.median} value, the fractions f_high(L), f_high(C) and
     * I(R;O)/I(R;S) (ratios of corrected terms), and the share of significant units, each median with its bootstrap
     * standard error. I(R;S) appears in both decompositions with the same value and is listed once. Decoding
     * (SCIENCE.md 5): {@code <quantity>.above-chance.median|mean} and {@code <quantity>.percent-correct.median|mean}
     * as corrections "above-chance" (bits) and "percent-correct", the single-unit medians with their bootstrap
     * standard errors, the population means with their SD over resamplings; a population point's units are its size.
     */
    private static List<InformationPoint> paperPoints(AnalysisResult result) {
        List<InformationPoint> points = new java.util.ArrayList<>();
        Map<String, Estimate> values = byName(result);
        int units = (int) value(values, "units");
        for (Estimate estimate : result.getValuesList()) {
            String name = estimate.getName();
            Matcher decoding = DECODING.matcher(name);
            String quantity;
            String correction;
            if (name.endsWith(".pt.median")) {
                quantity = name.substring(0, name.length() - ".pt.median".length());
                correction = "panzeri-treves";
            } else if (name.endsWith(".plugin.median")) {
                quantity = name.substring(0, name.length() - ".plugin.median".length());
                correction = "plugin";
            } else if (name.startsWith("f_high(") && name.endsWith(".median") || name.equals("I(R;O)/I(R;S).median")) {
                quantity = name.substring(0, name.length() - ".median".length());
                correction = "panzeri-treves";
            } else if (name.equals("significant_share")) {
                quantity = "significant share";
                correction = "permutation-test";
            } else if (decoding.matches()) {
                quantity = decoding.group(1);
                correction = decoding.group(2);
            } else {
                continue;
            }
            InformationPoint.Builder point = InformationPoint.newBuilder()
                    .setSource(result.getSource())
                    .setQuantity(quantity)
                    .setCorrection(correction)
                    .setMedian(estimate.getValue())
                    .setQ25(Double.NaN)
                    .setQ75(Double.NaN)
                    .setUnits(populationSize(quantity).orElse(units))
                    .putAllParameters(result.getParametersMap());
            if (estimate.hasError()) {
                point.setMedianError(estimate.getError()).setHasMedianError(true);
            }
            points.add(point.build());
        }
        return points;
    }

    /** "population separability (12 units)" -> 12. */
    private static Optional<Integer> populationSize(String quantity) {
        Matcher size = POPULATION_SIZE.matcher(quantity);
        return size.find() ? Optional.of(Integer.parseInt(size.group(1))) : Optional.empty();
    }

    private static <T> java.util.function.Predicate<T> distinctBy(java.util.function.Function<T, String> key) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        return item -> seen.add(key.apply(item));
    }

    public static boolean isIntrinsicDimension(AnalysisResult result) {
        return result.getAnalysis().equals("intrinsic-dimension");
    }

    public static boolean isInformation(AnalysisResult result) {
        return result.getAnalysis().equals("information");
    }

    public static IdPoint toIdPoint(AnalysisResult result) {
        Map<String, Estimate> values = byName(result);
        Estimate id = values.get("id");
        IdPoint.Builder point = IdPoint.newBuilder()
                .setSource(result.getSource())
                .setEstimator(result.getEstimator())
                .setId(id == null ? Double.NaN : id.getValue())
                .setPointsUsed((int) value(values, "points_used"))
                .setDuplicatesRemoved((int) value(values, "duplicates_removed"))
                .setScale(values.containsKey("scale") ? value(values, "scale") : 0)
                .putAllParameters(result.getParametersMap());
        if (id != null && id.hasError()) {
            point.setError(id.getError()).setHasError(true);
        }
        return point.build();
    }

    private static Optional<InformationPoint> toInformationPoint(AnalysisResult result, String correction) {
        Map<String, Estimate> values = byName(result);
        if (!values.containsKey(correction + ".median")) {
            return Optional.empty();
        }
        return Optional.of(InformationPoint.newBuilder()
                .setSource(result.getSource())
                .setQuantity(result.getParametersOrDefault("quantity", result.getEstimator()))
                .setCorrection(correction)
                .setMedian(value(values, correction + ".median"))
                .setQ25(value(values, correction + ".q25"))
                .setQ75(value(values, correction + ".q75"))
                .setUnits((int) value(values, "units"))
                .putAllParameters(result.getParametersMap())
                .build());
    }

    private static Map<String, Estimate> byName(AnalysisResult result) {
        return result.getValuesList().stream()
                .collect(java.util.stream.Collectors.toMap(Estimate::getName, value -> value, (a, b) -> b));
    }

    private static double value(Map<String, Estimate> values, String name) {
        Estimate estimate = values.get(name);
        return estimate == null ? Double.NaN : estimate.getValue();
    }

    private static Stream<AnalysisResult> stream(Iterable<AnalysisResult> results) {
        return java.util.stream.StreamSupport.stream(results.spliterator(), false);
    }
}
