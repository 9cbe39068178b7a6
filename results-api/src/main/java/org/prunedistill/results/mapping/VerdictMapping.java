package org.prunedistill.results.mapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.prunedistill.api.v1.Change;
import org.prunedistill.api.v1.InformationPoint;
import org.prunedistill.api.v1.Measure;
import org.prunedistill.events.v1.AnalysisResult;
import org.prunedistill.events.v1.ModelCheckpoint;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceRef;
import org.prunedistill.events.v1.TwoNnFit;
import org.prunedistill.messaging.SourceKeys;
import org.prunedistill.verdicts.Changes;
import org.prunedistill.verdicts.IdValue;
import org.prunedistill.verdicts.Median;
import org.prunedistill.verdicts.Source;
import org.prunedistill.verdicts.TrainingOrder;

/**
 * What the verdicts module judges, from the API's points and a run's spec, and its changes back as API messages.
 * One instance per question asked of one run: it remembers which point each median came from, so a change is
 * written with its ends' own sources and measures.
 */
public final class VerdictMapping {

    private final Map<String, SourceRef> sources = new LinkedHashMap<>();
    private final Map<Median, InformationPoint> points = new HashMap<>();
    private final Map<org.prunedistill.verdicts.Measure, Measure> measures = new HashMap<>();
    private final List<Median> medians = new ArrayList<>();

    /**
     * @param informationPoints the run's information points (their typed measures are what is compared)
     */
    public VerdictMapping(List<InformationPoint> informationPoints) {
        for (InformationPoint point : informationPoints) {
            Median median = new Median(source(point.getSource()), MeasureMapping.toVerdicts(point.getMeasure()),
                    point.getMedian(), point.getHasMedianError() ? point.getMedianError() : Double.NaN);
            points.put(median, point);
            measures.putIfAbsent(median.measure(), point.getMeasure());
            medians.add(median);
        }
    }

    /** The run's medians. */
    public List<Median> medians() {
        return List.copyOf(medians);
    }

    /** The API's measure of a measure the verdicts compared; unset for one no point has. */
    public Measure measure(org.prunedistill.verdicts.Measure measure) {
        return measure == null ? Measure.getDefaultInstance()
                : measures.getOrDefault(measure, Measure.getDefaultInstance());
    }

    /** A source as the verdicts see it (remembered, to be written back). */
    public Source source(SourceRef ref) {
        String key = SourceKeys.sourceKey(ref) + "/" + ref.getOrigin();
        sources.putIfAbsent(key, ref);
        return new Source(key, ref.getKind() == SourceKind.SOURCE_KIND_LAYER, ref.getOrigin(), ref.getName(),
                ref.getCheckpoint(), ref.getOrder(), ref.getRelativeDepth());
    }

    /** The sources as the verdicts see them, in the given order. */
    public List<Source> sources(Iterable<SourceRef> refs) {
        List<Source> mapped = new ArrayList<>();
        refs.forEach(ref -> mapped.add(source(ref)));
        return mapped;
    }

    /** The API's source of a source the verdicts saw. */
    public SourceRef ref(Source source) {
        return sources.get(source.key());
    }

    /**
     * The TwoNN ID of every source as Ansuini reported it (SCIENCE.md 3.4): the mean over subsamples with their SD,
     * the fit on all points beside it; without subsamples the fit, with no error bar.
     */
    public List<IdValue> twoNn(Iterable<AnalysisResult> results) {
        List<IdValue> values = new ArrayList<>();
        for (AnalysisResult result : results) {
            if (result.getSummaryCase() == AnalysisResult.SummaryCase.TWO_NN) {
                TwoNnFit fit = result.getTwoNn();
                Source source = source(result.getSource());
                values.add(fit.getHasSubsamples()
                        ? IdValue.subsampled(source, fit.getSubsampleMean(), fit.getSubsampleSd(), fit.getId())
                        : IdValue.withoutSubsamples(source, fit.getId()));
            }
        }
        return values;
    }

    /** The declared training order of each model's checkpoints: the spec's checkpoints, else its ONNX ones. */
    public static TrainingOrder trainingOrder(RunSpec spec) {
        Map<String, Set<String>> declared = new LinkedHashMap<>();
        for (ModelSource model : spec.getModelsList()) {
            Set<String> checkpoints = declared.computeIfAbsent(model.getModel(), name -> new LinkedHashSet<>());
            if (model.getCheckpointsCount() > 0) {
                checkpoints.addAll(model.getCheckpointsList());
            } else {
                model.getOnnxCheckpointsList().stream().map(ModelCheckpoint::getName).forEach(checkpoints::add);
            }
        }
        Map<String, List<String>> order = new LinkedHashMap<>();
        declared.forEach((model, checkpoints) -> order.put(model, List.copyOf(checkpoints)));
        return new TrainingOrder(order);
    }

    /** Every change between consecutive checkpoints and areas ({@link Changes#consecutive}). */
    public List<Change> consecutive(RunSpec spec, Iterable<SourceRef> runSources) {
        return toApi(Changes.consecutive(trainingOrder(spec), sources(runSources), medians));
    }

    /** Every change from one checkpoint to another, and between areas ({@link Changes#between}). */
    public List<Change> between(RunSpec spec, Iterable<SourceRef> runSources, String from, String to) {
        return toApi(Changes.between(trainingOrder(spec), sources(runSources), medians, from, to));
    }

    /** The API's change for a change the verdicts judged. */
    public Change toApi(org.prunedistill.verdicts.Change change) {
        InformationPoint before = points.get(change.before());
        InformationPoint after = points.get(change.after());
        Change.Builder api = Change.newBuilder()
                .setFromSource(before.getSource())
                .setToSource(after.getSource())
                .setQuantity(before.getQuantity())
                .setCorrection(before.getCorrection())
                .setMeasure(before.getMeasure())
                .setBefore(change.before().value())
                .setAfter(change.after().value())
                .setDifference(change.difference());
        if (change.hasError()) {
            api.setError(change.error()).setHasError(true).setSignificant(change.significant());
        }
        return api.build();
    }

    private List<Change> toApi(List<org.prunedistill.verdicts.Change> changes) {
        return changes.stream().map(this::toApi).toList();
    }
}
