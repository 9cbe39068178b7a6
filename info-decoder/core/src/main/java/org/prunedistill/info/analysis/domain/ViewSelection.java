package org.prunedistill.info.analysis.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;

/**
 * Which conditions enter a unit's single-cell analysis (SCIENCE.md 2): every view not tied to a default position
 * (the position views) plus the views shown at the default position nearer the unit's RF azimuth (23 views per
 * object in the rat design). Ties, and an unknown azimuth, go to the leftmost default position (-15 deg in the rat
 * design). A stimulus set without default positions (no condition has a group azimuth) uses every condition.
 */
public final class ViewSelection {

    /** Rule recorded when a set has default positions. */
    public static final String NEARER_DEFAULT_POSITION = "positions+nearer-default-position";
    /** Rule recorded when a set has none. */
    public static final String ALL_CONDITIONS = "all-conditions";

    private final double[] groups;
    private final int[][] conditionsOfGroup;
    private final int[] allConditions;

    private ViewSelection(double[] groups, int[][] conditionsOfGroup, int[] allConditions) {
        this.groups = groups;
        this.conditionsOfGroup = conditionsOfGroup;
        this.allConditions = allConditions;
    }

    /** The selection rule of a condition table. */
    public static ViewSelection of(List<StimulusCondition> conditions) {
        TreeMap<Double, List<Integer>> byGroup = new TreeMap<>();
        List<Integer> ungrouped = new ArrayList<>();
        for (int c = 0; c < conditions.size(); c++) {
            StimulusCondition condition = conditions.get(c);
            if (condition.hasGroup()) {
                byGroup.computeIfAbsent(condition.groupAzimuth(), ignored -> new ArrayList<>()).add(c);
            } else {
                ungrouped.add(c);
            }
        }
        double[] groups = byGroup.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        int[][] selected = new int[groups.length][];
        int g = 0;
        for (List<Integer> members : byGroup.values()) {
            List<Integer> union = new ArrayList<>(ungrouped);
            union.addAll(members);
            selected[g++] = union.stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return new ViewSelection(groups, selected, java.util.stream.IntStream.range(0, conditions.size()).toArray());
    }

    /** The recorded rule: {@link #NEARER_DEFAULT_POSITION} or {@link #ALL_CONDITIONS}. */
    public String rule() {
        return groups.length == 0 ? ALL_CONDITIONS : NEARER_DEFAULT_POSITION;
    }

    /** The default positions (group azimuths), ascending; empty without. */
    public double[] defaultPositions() {
        return groups.clone();
    }

    /**
     * The conditions of a unit whose RF centre is at {@code azimuth} degrees (NaN: unknown), ascending. The returned
     * array is shared: do not modify it.
     */
    public int[] conditionsFor(double azimuth) {
        if (groups.length == 0) {
            return allConditions;
        }
        int nearest = 0;
        if (!Double.isNaN(azimuth)) {
            for (int g = 1; g < groups.length; g++) {
                if (Math.abs(groups[g] - azimuth) < Math.abs(groups[nearest] - azimuth)) {
                    nearest = g;
                }
            }
        }
        return conditionsOfGroup[nearest];
    }
}
