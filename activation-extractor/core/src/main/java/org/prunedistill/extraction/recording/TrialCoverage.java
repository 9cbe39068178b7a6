package org.prunedistill.extraction.recording;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * How many trials of a recording are missing, and which unit/condition cells have fewer valid trials than a required
 * minimum. Produced by {@link RecordedResponses#coverage(int)}; nothing is dropped, the caller decides.
 *
 * @param minimumValidTrials the minimum the shortfalls were checked against
 * @param totalTrials        units x conditions x trials
 * @param missingTrials      how many of them are NaN
 * @param shortfalls         every unit/condition cell with fewer than {@code minimumValidTrials} valid trials, in
 *                           unit then condition order
 */
public record TrialCoverage(int minimumValidTrials, long totalTrials, long missingTrials, List<Shortfall> shortfalls) {

    public TrialCoverage {
        shortfalls = List.copyOf(shortfalls);
    }

    /** Whether every unit has at least {@code minimumValidTrials} valid trials in every condition. */
    public boolean meetsMinimum() {
        return shortfalls.isEmpty();
    }

    /** Indices of the units with a shortfall in at least one condition, ascending. */
    public SortedSet<Integer> unitsBelowMinimum() {
        SortedSet<Integer> units = new TreeSet<>();
        shortfalls.forEach(s -> units.add(s.unit()));
        return units;
    }

    /**
     * One unit/condition cell with too few valid trials.
     *
     * @param unit        unit index in the recording
     * @param unitId      the unit's identifier
     * @param condition   condition index in the recording
     * @param validTrials how many of its trials are not NaN
     */
    public record Shortfall(int unit, String unitId, int condition, int validTrials) {
    }
}
