package org.prunedistill.info.analysis;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.prunedistill.info.ConditionFeatures;
import org.prunedistill.info.FeatureDecomposition;
import org.prunedistill.info.FeatureLevels;
import org.prunedistill.info.ObjectGroups;
import org.prunedistill.info.analysis.domain.ReceptiveFields;
import org.prunedistill.info.analysis.domain.ViewSelection;

/**
 * What every unit at one RF position shares in {@link PaperQuantities}: its views, what its RF sees in them, the
 * views covered enough for the contrast decomposition, and RF luminance and contrast cut into feature levels. A
 * layer has far fewer positions than units, so each is prepared once, when its first unit needs it, instead of once
 * per unit (cutting 23 levels was a sixth of a unit's time, and grouping the views by level and object most of the
 * within-object term's and part of the object pairs'); the values are those of preparing it for every unit.
 *
 * <p>What is kept is bounded: a layer can have tens of thousands of positions (an input layer at 224 px has 50,176)
 * and a position's share grows with its views (some 37 KB for 500). Shares are kept up to a budget of bytes
 * ({@link View#approximateBytes}); beyond it a position's share is prepared for each of its units and dropped. Units
 * come channel by channel, every position in turn, so the positions kept are the first ones, for every channel.
 */
final class PositionViews {

    /**
     * One position's share.
     *
     * @param selected        the unit's views (indices into the source's conditions)
     * @param objects         the views grouped by object (with their RF luminance), for the object pairs
     * @param maxCoverage     the largest coverage of the RF by the object over the views, NaN when unknown
     * @param covered         the views that enter the contrast decomposition
     * @param luminanceLevels RF luminance cut into the decomposition's feature levels, per view, with the objects
     * @param contrast        the contrast decomposition over the covered views, or null when some object has too few
     * @param contrastLevels  RF contrast of the covered views cut into {@code contrast}'s levels (null with it)
     */
    record View(int[] selected, ObjectGroups objects, double maxCoverage, boolean[] covered,
            FeatureLevels luminanceLevels, FeatureDecomposition contrast, FeatureLevels contrastLevels) {

        /** Bytes a view of a position holds per view (condition), counted from its arrays, and per object. */
        static final int BYTES_PER_VIEW = 72;
        static final int BYTES_PER_OBJECT = 64;
        static final int BYTES_FIXED = 1024;

        /**
         * About what this share holds on the heap: per view its index, object, RF luminance and contrast, covered
         * flag, feature levels and their groupings (about {@value #BYTES_PER_VIEW} bytes), per object its list of
         * views and mean luminance, and the arrays' headers.
         */
        long approximateBytes() {
            return (long) selected.length * BYTES_PER_VIEW + (long) objects.objects() * BYTES_PER_OBJECT
                    + BYTES_FIXED;
        }
    }

    private final int[] objectOfCondition;
    private final ReceptiveFields fields;
    private final ViewSelection views;
    private final FeatureDecomposition decomposition;
    private final UnitInclusionRule inclusion;
    private final AtomicReferenceArray<View> prepared;
    private final long budgetBytes;
    private final AtomicLong keptBytes = new AtomicLong();

    /** {@code budgetBytes}: the most the kept shares may hold (about: {@link View#approximateBytes}). */
    PositionViews(int[] objectOfCondition, ReceptiveFields fields, ViewSelection views,
            FeatureDecomposition decomposition, UnitInclusionRule inclusion, long budgetBytes) {
        this.objectOfCondition = objectOfCondition;
        this.fields = fields;
        this.views = views;
        this.decomposition = decomposition;
        this.inclusion = inclusion;
        this.prepared = new AtomicReferenceArray<>(fields.positions());
        this.budgetBytes = budgetBytes;
    }

    /** The share of {@code unit}'s position (two workers may both prepare it: they find the same). */
    View of(int unit) {
        int position = fields.position(unit);
        View view = prepared.get(position);
        if (view == null) {
            view = prepare(position);
            long bytes = view.approximateBytes();
            // Reserve the bytes first, so that workers preparing positions at once never keep more than the budget.
            boolean kept = keptBytes.addAndGet(bytes) <= budgetBytes && prepared.compareAndSet(position, null, view);
            if (!kept) {
                keptBytes.addAndGet(-bytes);
            }
        }
        return view;
    }

    /** How many positions' shares are kept. */
    int keptPositions() {
        int kept = 0;
        for (int p = 0; p < prepared.length(); p++) {
            kept += prepared.get(p) != null ? 1 : 0;
        }
        return kept;
    }

    private View prepare(int position) {
        int[] selected = views.conditionsFor(fields.azimuth()[position]);
        int[] objects = PaperQuantities.pick(objectOfCondition, selected);
        double[] coverage = fields.hasCoverage() ? PaperQuantities.pick(fields.coverageAt(position), selected) : null;
        ConditionFeatures features = new ConditionFeatures(objects,
                PaperQuantities.pick(fields.luminanceAt(position), selected),
                PaperQuantities.pick(fields.contrastAt(position), selected));
        ObjectGroups objectGroups = ObjectGroups.of(features);
        boolean[] covered = inclusion.coveredConditions(coverage, selected.length);
        double maxCoverage = UnitInclusionRule.maxCoverage(coverage);
        FeatureLevels luminanceLevels = decomposition.levels(features.luminance(), objects);
        if (!UnitInclusionRule.coversEveryObject(objects, covered)) {
            return new View(selected, objectGroups, maxCoverage, covered, luminanceLevels, null, null);
        }
        double[] coveredContrast = subset(features.contrast(), covered);
        FeatureDecomposition contrast = decomposition.withFeatureBins(Math.min(decomposition.featureBins(),
                coveredContrast.length));
        return new View(selected, objectGroups, maxCoverage, covered, luminanceLevels, contrast,
                contrast.levels(coveredContrast));
    }

    private static double[] subset(double[] values, boolean[] kept) {
        return java.util.stream.IntStream.range(0, values.length).filter(i -> kept[i]).mapToDouble(i -> values[i])
                .toArray();
    }
}
