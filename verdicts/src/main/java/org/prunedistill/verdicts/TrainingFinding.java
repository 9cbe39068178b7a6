package org.prunedistill.verdicts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One training question answered: each layer's change of the question's measure from the first to the last
 * checkpoint (the input layer left out: its pixels do not change with training), judged by {@link LayerVerdict};
 * the answer is yes when every layer changes as claimed, no when none does, else "in some layers".
 *
 * @param question the question
 * @param first    the earlier checkpoint
 * @param last     the later checkpoint
 * @param layers   each layer's change and verdict, in hierarchy order (by depth)
 * @param answer   the answer
 */
public record TrainingFinding(Question question, String first, String last, List<JudgedChange> layers,
                              Answer answer) {

    public TrainingFinding {
        layers = List.copyOf(layers);
    }

    /** A layer's change and what it says about the claim. */
    public record JudgedChange(Change change, LayerVerdict verdict) {
    }

    /**
     * The finding from the changes between the two checkpoints.
     *
     * @param changes changes of any measure from {@code first} to {@code last} ({@link Changes#between})
     * @return empty when no layer has the question's measure at both checkpoints
     * @throws IllegalArgumentException for the hunchback, which is not a training question
     */
    public static Optional<TrainingFinding> judge(Question question, String first, String last,
                                                  List<Change> changes) {
        if (question.measure() == null) {
            throw new IllegalArgumentException("question: " + question + " is not asked along training");
        }
        Map<List<String>, Change> byLayer = new LinkedHashMap<>();
        changes.stream()
                .filter(change -> change.measure().equals(question.measure()))
                .filter(change -> change.before().source().layer() && !change.before().source().input())
                .filter(change -> change.before().source().checkpoint().equals(first)
                        && change.after().source().checkpoint().equals(last))
                .sorted(Comparator.comparingDouble((Change change) -> change.before().source().relativeDepth())
                        .thenComparingInt(change -> change.before().source().order()))
                .forEach(change -> byLayer.putIfAbsent(List.of(change.before().source().origin(),
                        change.before().source().name()), change));
        if (byLayer.isEmpty()) {
            return Optional.empty();
        }
        List<JudgedChange> layers = new ArrayList<>();
        byLayer.values().forEach(change -> layers.add(new JudgedChange(change,
                LayerVerdict.of(change, question.claim()))));
        long agreeing = layers.stream().filter(layer -> layer.verdict() == LayerVerdict.AS_CLAIMED).count();
        Answer answer = agreeing == layers.size() ? Answer.YES : agreeing == 0 ? Answer.NO : Answer.IN_SOME_LAYERS;
        return Optional.of(new TrainingFinding(question, first, last, layers, answer));
    }

    /** Layers whose change agrees with the claim. */
    public int agreeing() {
        return (int) layers.stream().filter(layer -> layer.verdict() == LayerVerdict.AS_CLAIMED).count();
    }

    /** The question in words. */
    public String text() {
        return question.text(first, last);
    }
}
