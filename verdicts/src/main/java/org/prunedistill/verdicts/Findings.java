package org.prunedistill.verdicts;

import java.util.ArrayList;
import java.util.List;

/**
 * What a run found (SCIENCE.md 1, 4.8): the hunchback question for every checkpoint with at least
 * {@value HunchbackFinding#MIN_LAYERS} layers with a TwoNN estimate, then, with two checkpoints or more, every
 * training question from the first to the last checkpoint in training order; and every question along the hierarchy
 * (its trends per checkpoint and along the areas, and whether training changes them). Questions the numbers cannot
 * answer at all (too few layers for a profile, no layer with the measure at both ends, no source with the measure)
 * are left out; a trend with too few positions or without error bars is kept, not evaluated, with its reason.
 *
 * @param first     the first checkpoint in training order; empty with fewer than two
 * @param last      the last; empty with fewer than two
 * @param hunchback one finding per checkpoint that has a profile, in training order, then the areas' (checkpoint
 *                  empty) when at least {@value HunchbackFinding#MIN_LAYERS} areas have an ID
 * @param training  the training questions answered, in the order of {@link Question}
 * @param trends    the questions along the hierarchy, in the order of {@link Question}
 */
public record Findings(String first, String last, List<HunchbackFinding> hunchback, List<TrainingFinding> training,
                       List<TrendFinding> trends) {

    public Findings {
        hunchback = List.copyOf(hunchback);
        training = List.copyOf(training);
        trends = List.copyOf(trends);
    }

    /**
     * The findings of a run.
     *
     * @param order   the declared training order of each model's checkpoints
     * @param twoNn   the TwoNN ID (subsample mean with its error bar) of every source
     * @param sources the run's sources, for checkpoints the order does not declare (in order of appearance after
     *                those of the IDs and the medians)
     * @param medians every median of the run
     */
    public static Findings of(TrainingOrder order, List<IdValue> twoNn, List<Source> sources, List<Median> medians) {
        List<Source> seen = new ArrayList<>();
        twoNn.forEach(value -> seen.add(value.source()));
        medians.forEach(median -> seen.add(median.source()));
        List<String> checkpoints = order.checkpoints(seen);
        List<HunchbackFinding> hunchback = new ArrayList<>();
        for (String checkpoint : checkpoints) {
            HunchbackFinding.judge(checkpoint, twoNn).ifPresent(hunchback::add);
        }
        HunchbackFinding.judgeAreas(twoNn).ifPresent(hunchback::add);
        seen.addAll(sources);
        List<TrendFinding> trends = new ArrayList<>();
        for (Question question : Question.values()) {
            TrendFinding.judge(question, order, seen, twoNn, medians).ifPresent(trends::add);
        }
        if (checkpoints.size() < 2) {
            return new Findings("", "", hunchback, List.of(), trends);
        }
        String first = checkpoints.get(0);
        String last = checkpoints.get(checkpoints.size() - 1);
        List<Change> changes = Changes.between(order, sources, medians, first, last);
        List<TrainingFinding> training = new ArrayList<>();
        for (Question question : Question.values()) {
            if (question.measure() != null) {
                TrainingFinding.judge(question, first, last, changes).ifPresent(training::add);
            }
        }
        return new Findings(first, last, hunchback, training, trends);
    }
}
