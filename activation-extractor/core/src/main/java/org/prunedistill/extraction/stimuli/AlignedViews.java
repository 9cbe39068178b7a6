package org.prunedistill.extraction.stimuli;

import java.util.List;
import java.util.Objects;

/**
 * The views of {@link RatObjectStimulusSet} that mean the same thing for every unit whatever side its receptive
 * field is on, so units recorded at different positions can be pooled into one population (SCIENCE.md section 2,
 * "19 aligned views per object").
 *
 * <p>Reading of the design (an assumption, stated because the source does not spell it out): a unit is served by
 * the default position nearer its receptive field, p = -15 or +15 deg. Aligned view k is described relative to p:
 * the positions whose offset from p exists for <em>both</em> default positions (offsets -7.5, 0, +7.5, +15 deg, i.e.
 * -22.5, -15, -7.5, 0 for p = -15 and +7.5, +15, +22.5, +30 for p = +15), then the 15 size, rotation,
 * depth-rotation and luminance views shown at p: 4 + 15 = 19. Offsets are not mirrored between the two sides.
 *
 * @param labels   what each aligned view is, e.g. {@code position-offset=+7.5} or {@code size=15.0}, in column order
 * @param left     condition indices [object][k] for units served by -15 deg
 * @param right    condition indices [object][k] for units served by +15 deg
 */
public record AlignedViews(List<String> labels, int[][] left, int[][] right) {

    public AlignedViews {
        labels = List.copyOf(labels);
        left = deepCopy(Objects.requireNonNull(left, "left"));
        right = deepCopy(Objects.requireNonNull(right, "right"));
    }

    /** Aligned views per object. */
    public int viewsPerObject() {
        return labels.size();
    }

    /** Condition indices [object][k] for units served by the given default position (a copy). */
    public int[][] forGroup(PositionGroup group) {
        return switch (Objects.requireNonNull(group, "group")) {
            case LEFT -> deepCopy(left);
            case RIGHT -> deepCopy(right);
            case NONE -> throw new IllegalArgumentException("group must be LEFT or RIGHT, was NONE");
        };
    }

    /** Condition indices [object][k] for a unit whose receptive field is centred at this azimuth (a copy). */
    public int[][] forAzimuth(double azimuthDegrees) {
        return forGroup(PositionGroup.nearestTo(azimuthDegrees));
    }

    @Override
    public int[][] left() {
        return deepCopy(left);
    }

    @Override
    public int[][] right() {
        return deepCopy(right);
    }

    private static int[][] deepCopy(int[][] table) {
        int[][] copy = new int[table.length][];
        for (int i = 0; i < table.length; i++) {
            copy[i] = table[i].clone();
        }
        return copy;
    }
}
