package org.prunedistill.verdicts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a network's ID profile can show an expansion at all (SCIENCE.md 3.7): an expansion needs the early layers
 * to reach a higher ID than the input. When the input's ID is already as high as theirs (a set of images whose
 * pixels vary along few directions that the first layers keep), the profile can only stay flat or contract, whatever
 * the network learned, and a "no" to the hunchback question says nothing about the network.
 *
 * <p>The early layers are those deeper than the input up to a third of the relative depth, or the first layer after
 * the input when none lies there. The premise holds when one of them has an ID above the input's beyond both error
 * bars ({@code id_early - error_early > id_input + error_input}), the step rule of {@link IdProfile}'s phases.
 *
 * @param input the input's index in the profile's positions
 * @param early the early layers' indices, in depth order
 * @param holds whether an early layer's ID lies above the input's beyond both error bars
 */
public record ExpansionPremise(int input, List<Integer> early, boolean holds) {

    /** Deepest relative depth counted as early. */
    public static final double EARLY_DEPTH = 1.0 / 3.0;

    public ExpansionPremise {
        early = List.copyOf(early);
        if (early.isEmpty()) {
            throw new IllegalArgumentException("at least one early layer");
        }
    }

    /**
     * The premise of a network's profile.
     *
     * @return empty when the profile does not start at the input (relative depth 0) or has nothing after it
     */
    public static Optional<ExpansionPremise> of(IdProfile profile) {
        List<ProfilePosition> positions = profile.positions();
        if (positions.size() < 2 || positions.get(0).relativeDepth() != 0.0) {
            return Optional.empty();
        }
        ProfilePosition input = positions.get(0);
        int first = 1;
        while (first < positions.size() && positions.get(first).relativeDepth() == 0.0) {
            first++;
        }
        if (first == positions.size()) {
            return Optional.empty();
        }
        List<Integer> early = new ArrayList<>(List.of(first));
        for (int i = first + 1; i < positions.size() && positions.get(i).relativeDepth() <= EARLY_DEPTH; i++) {
            early.add(i);
        }
        boolean holds = early.stream().map(positions::get).anyMatch(layer ->
                layer.id() - layer.halfWidth() > input.id() + input.halfWidth());
        return Optional.of(new ExpansionPremise(0, early, holds));
    }
}
