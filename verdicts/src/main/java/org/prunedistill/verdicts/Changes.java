package org.prunedistill.verdicts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pruning and distillation deltas (SCIENCE.md 4.6, 4.8; Muratore et al. 2022, Figs. 3-5): every {@link Change} of a
 * median between checkpoints of a layer and between consecutive recorded areas.
 *
 * <p>Layers (same origin and name) are compared at consecutive checkpoints in {@link TrainingOrder}; a layer that
 * lacks a measure at a checkpoint is compared across it. Or each layer from one named checkpoint straight to another
 * (the layers that lack either are left out). Areas are compared in hierarchy order (order, then relative depth).
 * Only a measure that both ends have is compared.
 */
public final class Changes {

    private static final Comparator<Source> AREA_ORDER = Comparator.comparingInt(Source::order)
            .thenComparingDouble(Source::relativeDepth)
            .thenComparing(Source::name)
            .thenComparing(Source::origin);

    private Changes() {
    }

    /**
     * Every change between consecutive checkpoints of a layer (per model, per pair of checkpoints, layers in
     * hierarchy order), then between consecutive areas.
     *
     * @param sources the run's sources in order of appearance, for checkpoints the order does not declare
     */
    public static List<Change> consecutive(TrainingOrder order, List<Source> sources, List<Median> medians) {
        List<Change> changes = new ArrayList<>(checkpointChanges(order, sources, medians, null, null));
        changes.addAll(areaChanges(medians));
        return changes;
    }

    /** As {@link #consecutive}, but each layer from {@code fromCheckpoint} straight to {@code toCheckpoint}. */
    public static List<Change> between(TrainingOrder order, List<Source> sources, List<Median> medians,
                                       String fromCheckpoint, String toCheckpoint) {
        List<Change> changes = new ArrayList<>(checkpointChanges(order, sources, medians, fromCheckpoint,
                toCheckpoint));
        changes.addAll(areaChanges(medians));
        return changes;
    }

    private static List<Change> checkpointChanges(TrainingOrder order, List<Source> sources, List<Median> medians,
                                                  String from, String to) {
        List<Source> appearance = new ArrayList<>(sources);
        medians.stream().map(Median::source).filter(Source::layer).forEach(appearance::add);
        Map<String, List<String>> orders = new LinkedHashMap<>();
        Map<List<Object>, List<Median>> series = new LinkedHashMap<>();
        for (Median median : medians) {
            Source source = median.source();
            if (source.layer()) {
                orders.computeIfAbsent(source.origin(), origin -> order.checkpoints(origin, appearance));
                series.computeIfAbsent(List.of(source.origin(), source.name(), median.measure()),
                        key -> new ArrayList<>()).add(median);
            }
        }
        Comparator<Source> training = Comparator.comparingInt(
                source -> orders.get(source.origin()).indexOf(source.checkpoint()));
        List<Change> changes = new ArrayList<>();
        for (List<Median> layer : series.values()) {
            if (from != null) {
                Optional<Median> before = atCheckpoint(layer, from);
                Optional<Median> after = atCheckpoint(layer, to);
                if (before.isPresent() && after.isPresent()) {
                    changes.add(Change.between(before.get(), after.get()));
                }
                continue;
            }
            List<Median> sorted = layer.stream().sorted(Comparator.comparing(Median::source, training)).toList();
            for (int i = 1; i < sorted.size(); i++) {
                changes.add(Change.between(sorted.get(i - 1), sorted.get(i)));
            }
        }
        changes.sort(Comparator.comparing((Change change) -> change.before().source().origin())
                .thenComparing(change -> change.before().source(), training)
                .thenComparing(change -> change.after().source(), training)
                .thenComparingInt(change -> change.before().source().order())
                .thenComparing(change -> change.before().source().name()));
        return changes;
    }

    private static Optional<Median> atCheckpoint(List<Median> layer, String checkpoint) {
        return layer.stream().filter(median -> median.source().checkpoint().equals(checkpoint)).findFirst();
    }

    private static List<Change> areaChanges(List<Median> medians) {
        List<Median> areaMedians = medians.stream().filter(median -> !median.source().layer()).toList();
        List<Source> areas = areaMedians.stream().map(Median::source).distinct().sorted(AREA_ORDER).toList();
        List<Change> changes = new ArrayList<>();
        for (int i = 1; i < areas.size(); i++) {
            Source lower = areas.get(i - 1);
            Source upper = areas.get(i);
            for (Median before : areaMedians) {
                if (before.source().equals(lower)) {
                    areaMedians.stream().filter(after -> after.source().equals(upper)
                            && after.measure().equals(before.measure())).findFirst()
                            .ifPresent(after -> changes.add(Change.between(before, after)));
                }
            }
        }
        return changes;
    }
}
