package org.prunedistill.verdicts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One question of the paper asked along the hierarchy (SCIENCE.md 4.8): the {@link HierarchyTrend} of its measure
 * (the TwoNN ID for the hunchback) along the layers of every model at every checkpoint, in training order, then along
 * the recorded areas; and per model with two checkpoints or more the {@link TrendInteraction} of its first and last
 * checkpoints. The input layer enters the ID's trends only (its pixels are not units of the network).
 *
 * <p>Layers are ordered by relative depth, then order; areas by order, then relative depth.
 *
 * @param question     the question
 * @param trends       per model and checkpoint, then per recording of areas
 * @param interactions per model with at least two checkpoints with a trend
 */
public record TrendFinding(Question question, List<HierarchyTrend> trends, List<TrendInteraction> interactions) {

    private static final Comparator<Source> DEPTH_ORDER = Comparator.comparingDouble(Source::relativeDepth)
            .thenComparingInt(Source::order);
    private static final Comparator<Source> AREA_ORDER = Comparator.comparingInt(Source::order)
            .thenComparingDouble(Source::relativeDepth);

    public TrendFinding {
        trends = List.copyOf(trends);
        interactions = List.copyOf(interactions);
    }

    /**
     * The question along the hierarchy.
     *
     * @param sources the run's sources in order of appearance, for checkpoints the order does not declare
     * @param twoNn   the TwoNN ID of every source (for the hunchback)
     * @param medians every median of the run (for the other questions)
     * @return empty when no source has the question's measure
     */
    public static Optional<TrendFinding> judge(Question question, TrainingOrder order, List<Source> sources,
                                               List<IdValue> twoNn, List<Median> medians) {
        List<TrendPosition> positions = question.measure() == null
                ? twoNn.stream().map(TrendPosition::of).toList()
                : medians.stream().filter(median -> median.measure().equals(question.measure()))
                .map(TrendPosition::of).toList();
        List<HierarchyTrend> trends = trends(positions, question.hierarchyClaim(), question.keepsInput(), order,
                sources);
        if (trends.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TrendFinding(question, trends, interactions(trends, question.hierarchyClaim())));
    }

    /**
     * The trends of any measure's positions: per model and checkpoint (models as they appear, checkpoints in
     * training order), then per recording of areas.
     *
     * @param claim     the direction claimed along the hierarchy; null for none
     * @param keepInput whether the input layer enters
     */
    public static List<HierarchyTrend> trends(List<TrendPosition> positions, Claim claim, boolean keepInput,
                                              TrainingOrder order, List<Source> sources) {
        List<Source> appearance = new ArrayList<>(positions.stream().map(TrendPosition::source).toList());
        appearance.addAll(sources);
        Map<List<String>, Map<String, TrendPosition>> layerGroups = new LinkedHashMap<>();
        Map<String, Map<String, TrendPosition>> areaGroups = new LinkedHashMap<>();
        for (TrendPosition position : positions) {
            Source source = position.source();
            if (source.layer() && (keepInput || !source.input())) {
                layerGroups.computeIfAbsent(List.of(source.origin(), source.checkpoint()), key -> new LinkedHashMap<>())
                        .putIfAbsent(source.name(), position);
            } else if (!source.layer()) {
                areaGroups.computeIfAbsent(source.origin(), key -> new LinkedHashMap<>())
                        .putIfAbsent(source.name(), position);
            }
        }
        List<List<String>> groups = new ArrayList<>(layerGroups.keySet());
        Map<String, List<String>> checkpoints = new LinkedHashMap<>();
        groups.forEach(group -> checkpoints.computeIfAbsent(group.get(0),
                origin -> order.checkpoints(origin, appearance)));
        List<String> origins = List.copyOf(checkpoints.keySet());
        groups.sort(Comparator.comparingInt((List<String> group) -> origins.indexOf(group.get(0)))
                .thenComparingInt(group -> checkpoints.get(group.get(0)).indexOf(group.get(1))));
        List<HierarchyTrend> trends = new ArrayList<>();
        for (List<String> group : groups) {
            trends.add(HierarchyTrend.along(group.get(0), group.get(1), true,
                    sorted(layerGroups.get(group).values(), DEPTH_ORDER), claim));
        }
        areaGroups.forEach((origin, areas) -> trends.add(HierarchyTrend.along(origin, "", false,
                sorted(areas.values(), AREA_ORDER), claim)));
        return trends;
    }

    /** Per model with two checkpoints or more among {@code trends} (in training order): first against last. */
    static List<TrendInteraction> interactions(List<HierarchyTrend> trends, Claim claim) {
        Map<String, List<HierarchyTrend>> byModel = new LinkedHashMap<>();
        trends.stream().filter(HierarchyTrend::layers)
                .forEach(trend -> byModel.computeIfAbsent(trend.origin(), origin -> new ArrayList<>()).add(trend));
        List<TrendInteraction> interactions = new ArrayList<>();
        for (List<HierarchyTrend> model : byModel.values()) {
            if (model.size() >= 2) {
                interactions.add(TrendInteraction.between(model.get(0), model.get(model.size() - 1), claim));
            }
        }
        return interactions;
    }

    /** The question of one trend in words ("Does luminance information I(R;L) fall along the layers of trained?"). */
    public String text(HierarchyTrend trend) {
        return question.trendText(trend.layers() ? "the layers of " + trend.checkpoint() : "the areas");
    }

    /** The interaction in words. */
    public String text(TrendInteraction interaction) {
        return question.interactionText(interaction.origin(), interaction.first().checkpoint(),
                interaction.last().checkpoint());
    }

    private static List<TrendPosition> sorted(Collection<TrendPosition> positions,
                                              Comparator<Source> order) {
        return positions.stream().sorted(Comparator.comparing(TrendPosition::source, order)).toList();
    }
}
