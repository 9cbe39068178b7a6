package org.prunedistill.extraction.recording;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.prunedistill.claimcheck.FloatTensor;

/**
 * Responses of the units of one recorded area (or one session) to stimulus conditions, shape
 * {@code [units, conditions, trials]}, C order, as float: typically spike counts in a fixed window after stimulus
 * onset (Tafazoli et al. 2017, eLife 6:e22794, Methods), about 26 trials per condition in the rat data.
 *
 * <p>Missing-trial policy:
 * <ul>
 *   <li>NaN marks a missing trial (a presentation not made or rejected); infinite values are refused with the unit,
 *       condition and trial at fault.</li>
 *   <li>A unit with no valid trial in any condition (all NaN: a lost unit) carries nothing and is <b>dropped</b> at
 *       construction; its identifier is listed in {@link #droppedUnitIds()}. A recording where every unit is all
 *       NaN is refused.</li>
 *   <li>A unit with too few valid trials in some condition is <b>kept and reported</b>: {@link #coverage(int)}
 *       lists every unit/condition cell below a minimum; {@link #selectUnits(int[])} drops units if the caller
 *       decides so. {@link PseudoPopulation} resamples to a rectangular, NaN-free population.</li>
 * </ul>
 *
 * <p>Immutable; arrays are copied in and out.
 */
public final class RecordedResponses {

    private final float[] data;
    private final int units;
    private final int conditions;
    private final int trials;
    private final List<String> unitIds;
    private final String session;
    private final List<String> droppedUnitIds;

    private RecordedResponses(float[] data, int units, int conditions, int trials, List<String> unitIds,
            String session, List<String> droppedUnitIds) {
        this.data = data;
        this.units = units;
        this.conditions = conditions;
        this.trials = trials;
        this.unitIds = List.copyOf(unitIds);
        this.session = session;
        this.droppedUnitIds = List.copyOf(droppedUnitIds);
    }

    /** Validates responses without unit identifiers (units are named {@code "0"}, {@code "1"}, ...) or session. */
    public static RecordedResponses of(float[] data, int units, int conditions, int trials) {
        return of(data, new int[] {units, conditions, trials}, null, "", "responses");
    }

    /**
     * Validates responses and drops all-NaN units.
     *
     * @param data    values in C order over {@code shape}; NaN = missing trial
     * @param shape   {@code [units, conditions, trials]}, each at least 1
     * @param unitIds one distinct identifier per unit, or null for {@code "0"}, {@code "1"}, ...
     * @param session the session the units were recorded in, or null/empty when unknown
     * @param source  what to name in error messages (file, member or dataset)
     * @throws IllegalArgumentException naming {@code source} on a wrong shape, wrong or duplicate identifiers, an
     *                                  infinite value (with its unit, condition and trial) or no valid trial at all
     */
    public static RecordedResponses of(float[] data, int[] shape, List<String> unitIds, String session,
            String source) {
        if (shape.length != 3) {
            throw new IllegalArgumentException(source + ": shape " + Arrays.toString(shape)
                    + " has rank " + shape.length + ", expected 3 axes [units, conditions, trials]");
        }
        for (int axis = 0; axis < 3; axis++) {
            if (shape[axis] < 1) {
                throw new IllegalArgumentException(source + ": shape " + Arrays.toString(shape) + " has an empty "
                        + List.of("units", "conditions", "trials").get(axis) + " axis");
            }
        }
        int units = shape[0];
        // In long: conditions x trials can exceed an int (and wrap around to a size that seems to fit).
        long cellsPerUnit = (long) shape[1] * shape[2];
        if (cellsPerUnit > data.length || units * cellsPerUnit != data.length) {
            throw new IllegalArgumentException(source + ": " + data.length + " values do not fill shape "
                    + Arrays.toString(shape));
        }
        int cells = (int) cellsPerUnit;
        List<String> ids = unitIds == null ? defaultIds(units) : checkIds(unitIds, units, source);
        List<String> kept = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        float[] keptData = new float[data.length];
        for (int u = 0; u < units; u++) {
            boolean anyValid = false;
            for (int i = u * cells; i < (u + 1) * cells; i++) {
                if (Float.isInfinite(data[i])) {
                    throw new IllegalArgumentException(source + ": infinite value " + data[i] + " at unit " + u
                            + " (id " + ids.get(u) + "), condition " + (i - u * cells) / shape[2] + ", trial "
                            + (i - u * cells) % shape[2] + "; responses must be finite, or NaN for a missing trial");
                }
                anyValid |= !Float.isNaN(data[i]);
            }
            if (anyValid) {
                System.arraycopy(data, u * cells, keptData, kept.size() * cells, cells);
                kept.add(ids.get(u));
            } else {
                dropped.add(ids.get(u));
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException(source + ": none of the " + units
                    + " units has a valid (non-NaN) trial");
        }
        return new RecordedResponses(Arrays.copyOf(keptData, kept.size() * cells), kept.size(), shape[1], shape[2],
                kept, session == null ? "" : session, dropped);
    }

    private static List<String> defaultIds(int units) {
        List<String> ids = new ArrayList<>(units);
        for (int u = 0; u < units; u++) {
            ids.add(Integer.toString(u));
        }
        return ids;
    }

    private static List<String> checkIds(List<String> ids, int units, String source) {
        if (ids.size() != units) {
            throw new IllegalArgumentException(source + ": " + ids.size() + " unit ids for " + units + " units");
        }
        Set<String> seen = new HashSet<>();
        for (int u = 0; u < units; u++) {
            String id = ids.get(u);
            if (id == null || id.isEmpty()) {
                throw new IllegalArgumentException(source + ": unit " + u + " has an empty id");
            }
            if (!seen.add(id)) {
                throw new IllegalArgumentException(source + ": unit id " + id + " appears twice (again at unit "
                        + u + ")");
            }
        }
        return ids;
    }

    public int units() {
        return units;
    }

    public int conditions() {
        return conditions;
    }

    public int trials() {
        return trials;
    }

    /** {@code [units, conditions, trials]}. */
    public int[] shape() {
        return new int[] {units, conditions, trials};
    }

    /** The response of a unit to one trial of a condition; NaN when the trial is missing. */
    public float value(int unit, int condition, int trial) {
        return data[offset(unit, condition) + checkIndex("trial", trial, trials)];
    }

    /** A copy of the values, C order over {@link #shape()}. */
    public float[] data() {
        return data.clone();
    }

    /** The values as a float32 array of shape {@code [units, conditions, trials]}, NaN kept. */
    public FloatTensor toNpyArray() {
        return FloatTensor.ofFloats(data.clone(), units, conditions, trials);
    }

    /** One identifier per kept unit, in unit order. */
    public List<String> unitIds() {
        return unitIds;
    }

    /** The session the units were recorded in; empty when the file did not say. */
    public String session() {
        return session;
    }

    /** Identifiers of the units dropped at construction because all their trials were NaN, in file order. */
    public List<String> droppedUnitIds() {
        return droppedUnitIds;
    }

    /** Number of non-NaN trials of a unit in a condition. */
    public int validTrials(int unit, int condition) {
        int start = offset(unit, condition);
        int valid = 0;
        for (int t = 0; t < trials; t++) {
            valid += Float.isNaN(data[start + t]) ? 0 : 1;
        }
        return valid;
    }

    /** Indices of the non-NaN trials of a unit in a condition, ascending. */
    public int[] validTrialIndices(int unit, int condition) {
        int start = offset(unit, condition);
        int[] indices = new int[validTrials(unit, condition)];
        int next = 0;
        for (int t = 0; t < trials; t++) {
            if (!Float.isNaN(data[start + t])) {
                indices[next++] = t;
            }
        }
        return indices;
    }

    /** Number of NaN values (missing trials) over all units and conditions. */
    public long missingTrials() {
        long missing = 0;
        for (float value : data) {
            missing += Float.isNaN(value) ? 1 : 0;
        }
        return missing;
    }

    /**
     * Lists every unit/condition cell with fewer than {@code minimumValidTrials} valid trials.
     *
     * @throws IllegalArgumentException if {@code minimumValidTrials} is negative
     */
    public TrialCoverage coverage(int minimumValidTrials) {
        if (minimumValidTrials < 0) {
            throw new IllegalArgumentException("minimumValidTrials must be >= 0, got " + minimumValidTrials);
        }
        List<TrialCoverage.Shortfall> shortfalls = new ArrayList<>();
        for (int u = 0; u < units; u++) {
            for (int c = 0; c < conditions; c++) {
                int valid = validTrials(u, c);
                if (valid < minimumValidTrials) {
                    shortfalls.add(new TrialCoverage.Shortfall(u, unitIds.get(u), c, valid));
                }
            }
        }
        return new TrialCoverage(minimumValidTrials, (long) data.length, missingTrials(), shortfalls);
    }

    /**
     * The given units only, in the given order (for example those {@link #coverage(int)} did not report). The
     * dropped-unit list is kept.
     *
     * @throws IllegalArgumentException if {@code selected} is empty, repeats a unit or names one out of range
     */
    public RecordedResponses selectUnits(int[] selected) {
        if (selected.length == 0) {
            throw new IllegalArgumentException("selected units must not be empty");
        }
        int cells = conditions * trials;
        float[] values = new float[selected.length * cells];
        List<String> ids = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < selected.length; i++) {
            int unit = checkIndex("selected unit", selected[i], units);
            if (!seen.add(unit)) {
                throw new IllegalArgumentException("selected units repeat unit " + unit);
            }
            System.arraycopy(data, unit * cells, values, i * cells, cells);
            ids.add(unitIds.get(unit));
        }
        return new RecordedResponses(values, selected.length, conditions, trials, ids, session, droppedUnitIds);
    }

    private int offset(int unit, int condition) {
        return (checkIndex("unit", unit, units) * conditions + checkIndex("condition", condition, conditions))
                * trials;
    }

    private static int checkIndex(String name, int index, int size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException(name + " " + index + " is outside 0.." + (size - 1));
        }
        return index;
    }

    @Override
    public String toString() {
        return "RecordedResponses[" + units + " units, " + conditions + " conditions, " + trials + " trials"
                + (session.isEmpty() ? "" : ", session " + session) + ", " + missingTrials() + " missing, "
                + droppedUnitIds.size() + " units dropped]";
    }
}
