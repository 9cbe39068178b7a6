package org.prunedistill.results.mapping;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.prunedistill.api.v1.Change;
import org.prunedistill.api.v1.InformationPoint;
import org.prunedistill.events.v1.ModelCheckpoint;
import org.prunedistill.events.v1.ModelSource;
import org.prunedistill.events.v1.RunSpec;
import org.prunedistill.events.v1.SourceKind;
import org.prunedistill.events.v1.SourceRef;

/**
 * Pruning and distillation deltas: the change of every information median between consecutive checkpoints of a layer
 * and between consecutive recorded areas (issue "pruning and distillation deltas between checkpoints and between
 * areas"; Muratore et al. 2022, Figs. 3-5).
 *
 * <p>Layers (same origin and name) are compared at consecutive checkpoints in training order: the order of the run
 * spec's {@code models[].checkpoints} (else {@code onnx_checkpoints}) for the model named by the layer's origin, then
 * any other checkpoint in order of appearance. A layer that lacks a quantity at a checkpoint is compared across it.
 * Areas are compared in hierarchy order (order, then relative depth). Only a quantity and correction that both ends
 * have is compared.
 *
 * <p>Instead of consecutive checkpoints, two named checkpoints can be compared directly (the launcher's findings
 * compare the first and the last). The rule: difference = after - before, its standard error hypot(se1, se2) from the
 * bootstrap standard errors of the two medians, and a change is significant when |difference| &gt;
 * {@value #SIGNIFICANCE} error. Without both errors the change has no error and is never significant.
 */
public final class ChangeMapping {

    /** Errors of the difference beyond which a change is significant. */
    public static final double SIGNIFICANCE = 2.0;

    private static final Comparator<SourceRef> AREA_ORDER = Comparator.comparingInt(SourceRef::getOrder)
            .thenComparingDouble(SourceRef::getRelativeDepth)
            .thenComparing(SourceRef::getName)
            .thenComparing(SourceRef::getOrigin);

    private ChangeMapping() {
    }

    /**
     * Every change between checkpoints of a layer (per model, per pair of checkpoints, layers in hierarchy order),
     * then between areas, each in the order of the points' quantities and corrections.
     *
     * @param spec    the run spec, for the checkpoint order
     * @param sources the run's sources in order of appearance, for checkpoints the spec does not list
     * @param points  the run's information points
     */
    public static List<Change> changes(RunSpec spec, Iterable<SourceRef> sources, List<InformationPoint> points) {
        return changes(spec, sources, points, Optional.empty());
    }

    /**
     * As {@link #changes(RunSpec, Iterable, List)}, but each layer compared from one named checkpoint straight to
     * another (the pairs of a layer that lacks either are left out); areas as before.
     */
    public static List<Change> changes(RunSpec spec, Iterable<SourceRef> sources, List<InformationPoint> points,
                                       String fromCheckpoint, String toCheckpoint) {
        return changes(spec, sources, points, Optional.of(List.of(fromCheckpoint, toCheckpoint)));
    }

    private static List<Change> changes(RunSpec spec, Iterable<SourceRef> sources, List<InformationPoint> points,
                                        Optional<List<String>> fromTo) {
        List<Change> changes = new ArrayList<>(checkpointChanges(spec, sources, points, fromTo));
        changes.addAll(areaChanges(points));
        return changes;
    }

    /** The change from one point to another, with the error and significance of the difference. */
    public static Change change(InformationPoint before, InformationPoint after) {
        double difference = after.getMedian() - before.getMedian();
        Change.Builder change = Change.newBuilder()
                .setFromSource(before.getSource())
                .setToSource(after.getSource())
                .setQuantity(before.getQuantity())
                .setCorrection(before.getCorrection())
                .setBefore(before.getMedian())
                .setAfter(after.getMedian())
                .setDifference(difference);
        if (before.getHasMedianError() && after.getHasMedianError()) {
            double error = Math.hypot(before.getMedianError(), after.getMedianError());
            change.setError(error).setHasError(true).setSignificant(Math.abs(difference) > SIGNIFICANCE * error);
        }
        return change.build();
    }

    /** The training order of the checkpoints of one model: the spec's, then the others in order of appearance. */
    static List<String> checkpointOrder(RunSpec spec, String origin, Iterable<SourceRef> sources) {
        Set<String> order = new LinkedHashSet<>();
        for (ModelSource model : spec.getModelsList()) {
            if (model.getModel().equals(origin)) {
                if (model.getCheckpointsCount() > 0) {
                    order.addAll(model.getCheckpointsList());
                } else {
                    model.getOnnxCheckpointsList().stream().map(ModelCheckpoint::getName).forEach(order::add);
                }
            }
        }
        for (SourceRef source : sources) {
            if (isLayer(source) && source.getOrigin().equals(origin)) {
                order.add(source.getCheckpoint());
            }
        }
        return List.copyOf(order);
    }

    private static List<Change> checkpointChanges(RunSpec spec, Iterable<SourceRef> sources,
                                                  List<InformationPoint> points, Optional<List<String>> fromTo) {
        Map<String, List<String>> orders = new LinkedHashMap<>();
        Map<List<String>, List<InformationPoint>> series = new LinkedHashMap<>();
        List<SourceRef> appearance = new ArrayList<>();
        sources.forEach(appearance::add);
        points.stream().filter(point -> isLayer(point.getSource())).forEach(point -> appearance.add(point.getSource()));
        for (InformationPoint point : points) {
            SourceRef source = point.getSource();
            if (isLayer(source)) {
                orders.computeIfAbsent(source.getOrigin(), origin -> checkpointOrder(spec, origin, appearance));
                series.computeIfAbsent(List.of(source.getOrigin(), source.getName(), point.getQuantity(),
                        point.getCorrection()), key -> new ArrayList<>()).add(point);
            }
        }
        Comparator<SourceRef> training = Comparator.comparingInt(
                source -> orders.get(source.getOrigin()).indexOf(source.getCheckpoint()));
        List<Change> changes = new ArrayList<>();
        for (List<InformationPoint> layer : series.values()) {
            if (fromTo.isPresent()) {
                Optional<InformationPoint> before = atCheckpoint(layer, fromTo.get().get(0));
                Optional<InformationPoint> after = atCheckpoint(layer, fromTo.get().get(1));
                if (before.isPresent() && after.isPresent()) {
                    changes.add(change(before.get(), after.get()));
                }
                continue;
            }
            List<InformationPoint> sorted = layer.stream()
                    .sorted(Comparator.comparing(InformationPoint::getSource, training)).toList();
            for (int i = 1; i < sorted.size(); i++) {
                changes.add(change(sorted.get(i - 1), sorted.get(i)));
            }
        }
        changes.sort(Comparator.comparing((Change change) -> change.getFromSource().getOrigin())
                .thenComparing(Change::getFromSource, training)
                .thenComparing(Change::getToSource, training)
                .thenComparingInt(change -> change.getFromSource().getOrder())
                .thenComparing(change -> change.getFromSource().getName()));
        return changes;
    }

    private static Optional<InformationPoint> atCheckpoint(List<InformationPoint> layer, String checkpoint) {
        return layer.stream().filter(point -> point.getSource().getCheckpoint().equals(checkpoint)).findFirst();
    }

    private static List<Change> areaChanges(List<InformationPoint> points) {
        List<InformationPoint> areaPoints = points.stream()
                .filter(point -> point.getSource().getKind() == SourceKind.SOURCE_KIND_AREA).toList();
        List<SourceRef> areas = areaPoints.stream().map(InformationPoint::getSource).distinct().sorted(AREA_ORDER)
                .toList();
        List<Change> changes = new ArrayList<>();
        for (int i = 1; i < areas.size(); i++) {
            SourceRef lower = areas.get(i - 1);
            SourceRef upper = areas.get(i);
            for (InformationPoint before : areaPoints) {
                if (before.getSource().equals(lower)) {
                    find(areaPoints, upper, before).ifPresent(after -> changes.add(change(before, after)));
                }
            }
        }
        return changes;
    }

    private static Optional<InformationPoint> find(List<InformationPoint> points, SourceRef source,
                                                   InformationPoint like) {
        return points.stream().filter(point -> point.getSource().equals(source)
                && point.getQuantity().equals(like.getQuantity())
                && point.getCorrection().equals(like.getCorrection())).findFirst();
    }

    private static boolean isLayer(SourceRef source) {
        return source.getKind() == SourceKind.SOURCE_KIND_LAYER;
    }
}
