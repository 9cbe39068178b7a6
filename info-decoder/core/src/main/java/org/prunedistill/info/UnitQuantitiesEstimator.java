package org.prunedistill.info;

import java.util.List;
import java.util.Objects;

/**
 * One call for the paper's per-unit quantities (SCIENCE.md 4.4-4.5): the luminance and the contrast decomposition
 * ({@link FeatureDecomposition}) over all conditions given, the invariant object information
 * ({@link InvariantObjectInformation}) over the object pairs, and the luminance information within object
 * ({@link FeatureDecomposition#luminanceWithinObject}) as a control beside I(R;L); and {@link #sourceQuantities} to
 * gather a source's units into per-unit arrays. Which conditions enter (for example the 23 views per object nearer
 * the unit's RF) is the caller's choice. Immutable; no randomness; failure behaviour as the two estimators.
 */
public final class UnitQuantitiesEstimator {

    private final FeatureDecomposition decomposition;
    private final InvariantObjectInformation invariance;

    private UnitQuantitiesEstimator(FeatureDecomposition decomposition, InvariantObjectInformation invariance) {
        this.decomposition = Objects.requireNonNull(decomposition, "decomposition");
        this.invariance = Objects.requireNonNull(invariance, "invariance");
    }

    /** Both estimators with their defaults (3 equipopulated response bins, 23 feature bins, threshold 0.9). */
    public static UnitQuantitiesEstimator withDefaults() {
        return new UnitQuantitiesEstimator(FeatureDecomposition.withDefaults(),
                InvariantObjectInformation.withDefaults());
    }

    /** The decomposition used for luminance and contrast. */
    public UnitQuantitiesEstimator withDecomposition(FeatureDecomposition decomposition) {
        return new UnitQuantitiesEstimator(decomposition, invariance);
    }

    /** The invariant-information estimator. */
    public UnitQuantitiesEstimator withInvariance(InvariantObjectInformation invariance) {
        return new UnitQuantitiesEstimator(decomposition, invariance);
    }

    public FeatureDecomposition decomposition() {
        return decomposition;
    }

    public InvariantObjectInformation invariance() {
        return invariance;
    }

    /** All quantities of one unit; I(R;L|O) with the decomposition's binning. */
    public UnitQuantities estimate(ConditionResponses responses, ConditionFeatures features) {
        return new UnitQuantities(decomposition.luminance(responses, features),
                decomposition.contrast(responses, features), invariance.estimate(responses, features),
                decomposition.luminanceWithinObject(responses, features));
    }

    /**
     * The values pruning and distillation are judged on, one per unit: PT-corrected I(R;L) and I(R;C), f_high of the
     * luminance decomposition, and the invariant fraction (NaN where undefined); and beside I(R;L) its control, the
     * PT-corrected I(R;L|O).
     */
    public static SourceQuantities sourceQuantities(List<UnitQuantities> units) {
        Objects.requireNonNull(units, "units");
        int n = units.size();
        double[] luminance = new double[n];
        double[] contrast = new double[n];
        double[] highLevel = new double[n];
        double[] invariant = new double[n];
        double[] luminanceWithinObject = new double[n];
        for (int u = 0; u < n; u++) {
            UnitQuantities unit = units.get(u);
            luminance[u] = unit.luminance().feature().panzeriTrevesBits();
            contrast[u] = unit.contrast().feature().panzeriTrevesBits();
            highLevel[u] = unit.luminance().highLevelFraction();
            invariant[u] = unit.invariant().invariantFraction();
            luminanceWithinObject[u] = unit.luminanceWithinObject().withinObject().panzeriTrevesBits();
        }
        return new SourceQuantities(luminance, contrast, highLevel, invariant, luminanceWithinObject);
    }

    @Override
    public String toString() {
        return "UnitQuantitiesEstimator[" + decomposition + ", " + invariance + "]";
    }
}
