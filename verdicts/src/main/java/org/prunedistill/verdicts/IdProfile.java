package org.prunedistill.verdicts;

import java.util.ArrayList;
import java.util.List;

/**
 * The intrinsic dimension along the layers of a network or the areas of a pathway (SCIENCE.md 3.7; Ansuini et al.
 * 2019, NeurIPS, the "hunchback" profile; Muratore et al. 2022). Positions are kept in the order given, which must
 * be non-decreasing in relative depth.
 *
 * <p>Phases: a step i -&gt; i + 1 is significant when the two error bars do not overlap,
 * {@code |id_{i+1} - id_i| > error_i + error_{i+1}}; maximal runs of significant rising steps are expansion
 * phases, of falling steps contraction phases; a non-significant step ends a run. One profile per checkpoint: build
 * one for each.
 *
 * @param positions the layers or areas, in depth order; copied, immutable
 * @param phases    expansion and contraction phases, in depth order
 * @param peak      index of the position with the largest id (the first one on ties)
 */
public record IdProfile(List<ProfilePosition> positions, List<ProfilePhase> phases, int peak) {

    public IdProfile {
        if (positions == null || positions.isEmpty() || phases == null) {
            throw new IllegalArgumentException("positions (at least one) and phases must not be null");
        }
        positions = List.copyOf(positions);
        phases = List.copyOf(phases);
    }

    /**
     * The profile of the positions with its phases marked.
     *
     * @throws IllegalArgumentException if there is no position or relative depth decreases somewhere
     */
    public static IdProfile of(List<ProfilePosition> positions) {
        if (positions == null || positions.isEmpty()) {
            throw new IllegalArgumentException("positions must hold at least one layer or area");
        }
        int peak = 0;
        for (int i = 1; i < positions.size(); i++) {
            if (positions.get(i).relativeDepth() < positions.get(i - 1).relativeDepth()) {
                throw new IllegalArgumentException("positions: relative depth decreases at " + positions.get(i).name());
            }
            if (positions.get(i).id() > positions.get(peak).id()) {
                peak = i;
            }
        }
        return new IdProfile(positions, phases(positions), peak);
    }

    private static List<ProfilePhase> phases(List<ProfilePosition> positions) {
        List<ProfilePhase> phases = new ArrayList<>();
        int start = 0;
        int direction = 0;
        for (int i = 0; i + 1 < positions.size(); i++) {
            int step = direction(positions.get(i), positions.get(i + 1));
            if (step != direction) {
                addPhase(phases, direction, start, i);
                start = i;
                direction = step;
            }
        }
        addPhase(phases, direction, start, positions.size() - 1);
        return phases;
    }

    /** +1 rising beyond the error bars, -1 falling beyond them, 0 otherwise. */
    private static int direction(ProfilePosition from, ProfilePosition to) {
        double change = to.id() - from.id();
        if (Math.abs(change) <= from.halfWidth() + to.halfWidth()) {
            return 0;
        }
        return change > 0.0 ? 1 : -1;
    }

    private static void addPhase(List<ProfilePhase> phases, int direction, int from, int to) {
        if (direction != 0 && to > from) {
            phases.add(new ProfilePhase(direction > 0 ? ProfilePhase.Kind.EXPANSION : ProfilePhase.Kind.CONTRACTION,
                    from, to));
        }
    }
}
