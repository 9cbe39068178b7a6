package org.prunedistill.verdicts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One training question answered: each layer's change of the question's measure from the first to the last
 * checkpoint (the input layer left out: its pixels do not change with training), each judged by {@link Verdict}
 * (yes: beyond 2 SE as claimed, opposite: beyond 2 SE against it, no: within, not evaluated: no error bar); the
 * answer as {@link Answer} says: yes when every layer says yes, opposite when every layer says opposite, in some
 * layers when some say yes, not evaluated when none could be judged, else no.
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
    public record JudgedChange(Change change, Verdict verdict) {
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
                Verdict.of(change.difference(), change.error(), question.claim()))));
        Answer answer = Answer.of(layers.stream().map(JudgedChange::verdict).toList());
        return Optional.of(new TrainingFinding(question, first, last, layers, answer));
    }

    /** Layers whose change agrees with the claim (verdict yes). */
    public int agreeing() {
        return count(Verdict.YES);
    }

    /** Layers whose change goes against the claim beyond 2 SE (verdict opposite). */
    public int opposing() {
        return count(Verdict.OPPOSITE);
    }

    private int count(Verdict verdict) {
        return (int) layers.stream().filter(layer -> layer.verdict() == verdict).count();
    }

    /** The question in words. */
    public String text() {
        return question.text(first, last);
    }
}
