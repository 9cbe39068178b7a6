package org.prunedistill.info.analysis;

/**
 * Which units count (SCIENCE.md 4.7; Tafazoli et al. 2017), judged over one unit's conditions.
 *
 * <ul>
 *   <li><b>Responsive</b>: the response is not constant over the unit's conditions (two condition means differ) and,
 *   when the RF coverage is known, the object covers at least {@code minObjectCoverage} of the RF map in at least
 *   one condition. Without coverage (recorded neurons, photographs) a condition's mean response must be above zero
 *   instead: our inputs carry no baseline (no spontaneous rate, no blank stimulus), so zero stands in for it.</li>
 *   <li><b>Informative</b>: the permutation p-value of the unit's I(R;S) is below the significance level (an
 *   undefined p-value is not).</li>
 * </ul>
 * The contrast decomposition keeps the conditions whose coverage reaches {@code minObjectCoverage} (all of them when
 * the coverage is unknown), and has no result for a unit left with fewer than {@link #MIN_COVERED_VIEWS} such views
 * of some object. Immutable; no randomness.
 */
final class UnitInclusionRule {

    /** Views per object the contrast decomposition needs among the covered ones. */
    static final int MIN_COVERED_VIEWS = 2;

    private final double minObjectCoverage;
    private final double significanceLevel;

    /**
     * @throws IllegalArgumentException for a coverage threshold outside [0, 1] or a level outside (0, 1]
     */
    UnitInclusionRule(double minObjectCoverage, double significanceLevel) {
        if (!(minObjectCoverage >= 0 && minObjectCoverage <= 1)) {
            throw new IllegalArgumentException("pd.info.min-object-coverage must lie in [0, 1], got "
                    + minObjectCoverage);
        }
        if (!(significanceLevel > 0 && significanceLevel <= 1)) {
            throw new IllegalArgumentException("pd.info.significance-level must lie in (0, 1], got "
                    + significanceLevel);
        }
        this.minObjectCoverage = minObjectCoverage;
        this.significanceLevel = significanceLevel;
    }

    /** The largest coverage over the unit's conditions; NaN when the coverage is unknown (null). */
    static double maxCoverage(double[] coverageOfConditions) {
        if (coverageOfConditions == null) {
            return Double.NaN;
        }
        double max = 0;
        for (double value : coverageOfConditions) {
            max = Math.max(max, value);
        }
        return max;
    }

    /**
     * @param conditionMeans mean response of each of the unit's conditions (NaN for a condition without valid trials,
     *                       ignored)
     * @param maxCoverage    {@link #maxCoverage}: NaN when unknown
     */
    boolean responsive(double[] conditionMeans, double maxCoverage) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (double mean : conditionMeans) {
            if (!Double.isNaN(mean)) {
                low = Math.min(low, mean);
                high = Math.max(high, mean);
            }
        }
        boolean varies = high > low;
        boolean seesTheObject = Double.isNaN(maxCoverage) ? high > 0 : maxCoverage >= minObjectCoverage;
        return varies && seesTheObject;
    }

    boolean informative(double pValue) {
        return pValue < significanceLevel;
    }

    /**
     * Which of the unit's conditions enter its contrast decomposition: those whose coverage reaches the threshold,
     * every one when the coverage is unknown (null).
     */
    boolean[] coveredConditions(double[] coverageOfConditions, int conditions) {
        boolean[] kept = new boolean[conditions];
        for (int c = 0; c < conditions; c++) {
            kept[c] = coverageOfConditions == null || coverageOfConditions[c] >= minObjectCoverage;
        }
        return kept;
    }

    /**
     * Whether every object keeps at least {@link #MIN_COVERED_VIEWS} views among {@code kept}; if not, the unit has
     * no contrast result.
     *
     * @param objectOfCondition object of each of the unit's conditions
     */
    static boolean coversEveryObject(int[] objectOfCondition, boolean[] kept) {
        java.util.Map<Integer, Integer> keptPerObject = new java.util.HashMap<>();
        for (int c = 0; c < kept.length; c++) {
            keptPerObject.merge(objectOfCondition[c], kept[c] ? 1 : 0, Integer::sum);
        }
        return keptPerObject.values().stream().allMatch(views -> views >= MIN_COVERED_VIEWS);
    }
}
