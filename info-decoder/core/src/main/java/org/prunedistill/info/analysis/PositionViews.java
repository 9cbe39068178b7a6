package org.prunedistill.info.analysis;

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
 */
final class PositionViews {

    /**
     * One position's share.
     *
     * @param selected        the unit's views (indices into the source's conditions)
     * @param objects         the views grouped by object (with their RF luminance), for the object pairs
     * @param coverage        the object's coverage of the RF in each view, or null when unknown
     * @param covered         the views that enter the contrast decomposition
     * @param luminanceLevels RF luminance cut into the decomposition's feature levels, per view, with the objects
     * @param contrast        the contrast decomposition over the covered views, or null when some object has too few
     * @param contrastLevels  RF contrast of the covered views cut into {@code contrast}'s levels (null with it)
     */
    record View(int[] selected, ObjectGroups objects, double[] coverage, boolean[] covered,
            FeatureLevels luminanceLevels, FeatureDecomposition contrast, FeatureLevels contrastLevels) {
    }

    private final int[] objectOfCondition;
    private final ReceptiveFields fields;
    private final ViewSelection views;
    private final FeatureDecomposition decomposition;
    private final UnitInclusionRule inclusion;
    private final AtomicReferenceArray<View> prepared;

    PositionViews(int[] objectOfCondition, ReceptiveFields fields, ViewSelection views,
            FeatureDecomposition decomposition, UnitInclusionRule inclusion) {
        this.objectOfCondition = objectOfCondition;
        this.fields = fields;
        this.views = views;
        this.decomposition = decomposition;
        this.inclusion = inclusion;
        this.prepared = new AtomicReferenceArray<>(fields.positions());
    }

    /** The share of {@code unit}'s position (two workers may both prepare it: they find the same). */
    View of(int unit) {
        int position = fields.position(unit);
        View view = prepared.get(position);
        if (view == null) {
            view = prepare(position);
            prepared.compareAndSet(position, null, view);
        }
        return view;
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
        FeatureLevels luminanceLevels = decomposition.levels(features.luminance(), objects);
        if (!UnitInclusionRule.coversEveryObject(objects, covered)) {
            return new View(selected, objectGroups, coverage, covered, luminanceLevels, null, null);
        }
        double[] coveredContrast = subset(features.contrast(), covered);
        FeatureDecomposition contrast = decomposition.withFeatureBins(Math.min(decomposition.featureBins(),
                coveredContrast.length));
        return new View(selected, objectGroups, coverage, covered, luminanceLevels, contrast,
                contrast.levels(coveredContrast));
    }

    private static double[] subset(double[] values, boolean[] kept) {
        return java.util.stream.IntStream.range(0, values.length).filter(i -> kept[i]).mapToDouble(i -> values[i])
                .toArray();
    }
}
