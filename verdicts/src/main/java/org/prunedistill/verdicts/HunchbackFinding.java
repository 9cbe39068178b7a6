package org.prunedistill.verdicts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the ID of one checkpoint rises then falls along the layers (the hunchback, Ansuini et al. 2019; SCIENCE.md
 * 1, 3.7): yes when an expansion phase ends at or before the peak, a contraction phase starts at or after it, and
 * the peak is neither the first nor the last layer; phases as {@link IdProfile} marks them (steps beyond both error
 * bars).
 *
 * @param checkpoint the checkpoint judged
 * @param ids        the layers' IDs (subsample mean +- SD, fit on all points beside), in depth order (one per position
 *                   of {@code profile})
 * @param profile    their IDs with phases and peak
 * @param answer     {@link Answer#YES} or {@link Answer#NO}
 */
public record HunchbackFinding(String checkpoint, List<IdValue> ids, IdProfile profile, Answer answer) {

    /** Fewest layers with an estimate a profile needs to be judged. */
    public static final int MIN_LAYERS = 3;

    public HunchbackFinding {
        ids = List.copyOf(ids);
        if (ids.size() != profile.positions().size()) {
            throw new IllegalArgumentException("one layer per position: " + ids.size() + " layers, "
                    + profile.positions().size() + " positions");
        }
    }

    /** The layers of the profile, in depth order. */
    public List<Source> layers() {
        return ids.stream().map(IdValue::source).toList();
    }

    /** The layer with the largest ID (the first on ties). */
    public Source peak() {
        return ids.get(profile.peak()).source();
    }

    /**
     * The finding of one checkpoint from the layers' IDs.
     *
     * @param ids IDs of layers (of any checkpoint; the finite ones of {@code checkpoint} are used), one per layer and
     *            checkpoint
     * @return empty with fewer than {@value #MIN_LAYERS} layers at the checkpoint
     */
    public static Optional<HunchbackFinding> judge(String checkpoint, List<IdValue> ids) {
        return judge(checkpoint, ids, source -> source.layer() && source.checkpoint().equals(checkpoint));
    }

    /**
     * The finding along the recorded areas, in their order (V1 -&gt; LM -&gt; LI -&gt; LL); its checkpoint is empty.
     *
     * @return empty with fewer than {@value #MIN_LAYERS} areas with an ID
     */
    public static Optional<HunchbackFinding> judgeAreas(List<IdValue> ids) {
        return judge("", ids, source -> !source.layer());
    }

    private static Optional<HunchbackFinding> judge(String checkpoint, List<IdValue> ids,
                                                    java.util.function.Predicate<Source> profiled) {
        Map<List<String>, IdValue> atCheckpoint = new LinkedHashMap<>();
        ids.stream().filter(value -> profiled.test(value.source()) && Double.isFinite(value.id()))
                .sorted(Comparator.comparingDouble((IdValue value) -> value.source().relativeDepth())
                        .thenComparingInt(value -> value.source().order()))
                .forEach(value -> atCheckpoint.putIfAbsent(List.of(value.source().origin(), value.source().name()),
                        value));
        if (atCheckpoint.size() < MIN_LAYERS) {
            return Optional.empty();
        }
        List<ProfilePosition> positions = new ArrayList<>();
        for (IdValue value : atCheckpoint.values()) {
            positions.add(new ProfilePosition(value.source().name(), value.source().relativeDepth(), value.id(),
                    Double.isNaN(value.error()) ? 0.0 : value.error()));
        }
        IdProfile profile = IdProfile.of(positions);
        int peak = profile.peak();
        boolean expansion = profile.phases().stream().anyMatch(phase -> phase.kind() == ProfilePhase.Kind.EXPANSION
                && phase.to() <= peak);
        boolean contraction = profile.phases().stream().anyMatch(phase ->
                phase.kind() == ProfilePhase.Kind.CONTRACTION && phase.from() >= peak);
        boolean interior = peak > 0 && peak < positions.size() - 1;
        return Optional.of(new HunchbackFinding(checkpoint, List.copyOf(atCheckpoint.values()), profile,
                expansion && contraction && interior ? Answer.YES : Answer.NO));
    }

    /**
     * Whether this profile can show an expansion at all ({@link ExpansionPremise}); empty for the areas and for
     * profiles without the input.
     */
    public Optional<ExpansionPremise> premise() {
        return checkpoint.isEmpty() ? Optional.empty() : ExpansionPremise.of(profile);
    }

    /** The question in words. */
    public String question() {
        return checkpoint.isEmpty() ? "Does the ID rise then fall along the recorded areas?"
                : Question.HUNCHBACK.text(checkpoint);
    }
}
