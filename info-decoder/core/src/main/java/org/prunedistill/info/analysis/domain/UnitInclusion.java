package org.prunedistill.info.analysis.domain;

import java.util.stream.IntStream;

/**
 * How the judged units of one source fared (SCIENCE.md 4.7) and which units the summaries rest on under the filter.
 * The judged units are the per-unit sample (every unit unless {@code pd.info.max-units}); arrays are not copied.
 *
 * @param filter      the unit filter the summaries apply
 * @param units       the judged units, ascending (the per-unit table's rows)
 * @param responsive  per row: the response varies and the unit sees the object
 * @param informative per row: its I(R;S) is significant
 */
public record UnitInclusion(UnitFilter filter, int[] units, boolean[] responsive, boolean[] informative) {

    /** Why a summary rests on no unit. */
    public enum NotEvaluated {
        /** It rests on some unit. */
        EVALUATED,
        NO_RESPONSIVE_UNIT,
        NO_INFORMATIVE_UNIT,
        /** Responsive and informative units exist, but no unit is both. */
        NO_INCLUDED_UNIT
    }

    /** Checks the lengths. */
    public UnitInclusion {
        if (responsive.length != units.length || informative.length != units.length) {
            throw new IllegalArgumentException("unit inclusion: " + units.length + " units but "
                    + responsive.length + " responsive and " + informative.length + " informative flags");
        }
    }

    /** The flags of a per-unit table's columns ({@link ColumnLabels#RESPONSIVE}, {@link ColumnLabels#INFORMATIVE}). */
    public static UnitInclusion of(UnitFilter filter, PerUnitTable table) {
        int[] units = IntStream.range(0, table.rows()).map(row -> (int) table.column(ColumnLabels.UNIT)[row])
                .toArray();
        return new UnitInclusion(filter, units, flags(table.column(ColumnLabels.RESPONSIVE)),
                flags(table.column(ColumnLabels.INFORMATIVE)));
    }

    public int judged() {
        return units.length;
    }

    public int responsiveCount() {
        return count(row -> responsive[row]);
    }

    public int informativeCount() {
        return count(row -> informative[row]);
    }

    public int includedCount() {
        return count(this::included);
    }

    /** Responsive and informative. */
    public boolean included(int row) {
        return responsive[row] && informative[row];
    }

    /** Per row: whether the summaries count it (every row with {@link UnitFilter#ALL}). */
    public boolean[] countedRows() {
        boolean[] counted = new boolean[units.length];
        for (int row = 0; row < counted.length; row++) {
            counted[row] = filter == UnitFilter.ALL || included(row);
        }
        return counted;
    }

    /**
     * The units of the source the summaries count, ascending: every unit of the source with {@link UnitFilter#ALL},
     * else the included ones among the judged.
     */
    public int[] countedUnits(int unitsInSource) {
        if (filter == UnitFilter.ALL) {
            return IntStream.range(0, unitsInSource).toArray();
        }
        return IntStream.range(0, units.length).filter(this::included).map(row -> units[row]).toArray();
    }

    /** {@link NotEvaluated#EVALUATED}, or why no unit is counted. */
    public NotEvaluated notEvaluated() {
        if (filter == UnitFilter.ALL || includedCount() > 0) {
            return NotEvaluated.EVALUATED;
        }
        if (responsiveCount() == 0) {
            return NotEvaluated.NO_RESPONSIVE_UNIT;
        }
        return informativeCount() == 0 ? NotEvaluated.NO_INFORMATIVE_UNIT : NotEvaluated.NO_INCLUDED_UNIT;
    }

    private int count(java.util.function.IntPredicate row) {
        return (int) IntStream.range(0, units.length).filter(row).count();
    }

    private static boolean[] flags(double[] column) {
        boolean[] flags = new boolean[column.length];
        for (int row = 0; row < flags.length; row++) {
            flags[row] = column[row] == 1.0;
        }
        return flags;
    }
}
