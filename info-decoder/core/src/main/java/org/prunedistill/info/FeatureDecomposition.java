package org.prunedistill.info;

import java.util.Objects;

/**
 * Splits a unit's stimulus information into what a low-level feature explains and the rest (SCIENCE.md 4.4):
 * {@code I(R;S) = I(R;X) + I(R;S'|X)} with S the stimulus condition and X the feature (RF luminance L or RF contrast
 * C) cut into {@link #featureBins()} equipopulated bins over the conditions (default 23, one per view of an object),
 * and {@code f_high = I(R;S'|X) / I(R;S)}, the feature-independent fraction.
 *
 * <p>Responses of all trials of all conditions are binned together ({@link #binning()}, {@link #responseBins()}).
 * {@code I(R;S'|X)} is computed directly as {@code sum_x P(x) I(R;S|X=x)}; because X is a function of S this equals
 * {@code I(R;S) - I(R;X)} exactly for the plug-in estimator, and also for Panzeri-Treves since each level's relevant
 * bin count enters both terms identically. Each term is PT-corrected separately and f_high uses the corrected terms.
 *
 * <p>{@link #withinObject} (and {@link #luminanceWithinObject}) gives the control {@code I(R;X|O)}, the feature
 * information within object, with the same R and X ({@link WithinObjectInformation}).
 *
 * <p>Failure behaviour: {@link IllegalArgumentException} for a feature array whose length differs from the number
 * of conditions, a non-finite feature value, fewer conditions than feature bins, fewer trials than response bins,
 * or a single condition. Degeneracy: {@code I_PT(R;S) <= 0} gives f_high = NaN (see {@link FeatureInformation}).
 * Immutable; no randomness.
 *
 * <p>Reference: Tafazoli, Safaai, De Franceschi, ... Zoccolan (2017), J. Neurophysiol. 118:130-159, Methods
 * ("information about luminance and the rest"); Muratore et al. (2022), NeurIPS, "Prune and distill".
 */
public final class FeatureDecomposition {

    /** Feature bins of {@link #withDefaults()}: one per view of an object in the single-unit design. */
    public static final int DEFAULT_FEATURE_BINS = 23;

    private final int responseBins;
    private final Binning binning;
    private final int featureBins;

    private FeatureDecomposition(int responseBins, Binning binning, int featureBins) {
        if (responseBins < 2) {
            throw new IllegalArgumentException("responseBins must be at least 2, got " + responseBins);
        }
        if (featureBins < 1) {
            throw new IllegalArgumentException("featureBins must be at least 1, got " + featureBins);
        }
        this.responseBins = responseBins;
        this.binning = Objects.requireNonNull(binning, "binning");
        this.featureBins = featureBins;
    }

    /** 3 equipopulated response bins, 23 equipopulated feature bins. */
    public static FeatureDecomposition withDefaults() {
        return new FeatureDecomposition(UnitInformationEstimator.DEFAULT_BINS, Binning.EQUIPOPULATED,
                DEFAULT_FEATURE_BINS);
    }

    /** Response bins, at least 2. */
    public FeatureDecomposition withResponseBins(int responseBins) {
        return new FeatureDecomposition(responseBins, binning, featureBins);
    }

    /** Response binning rule. */
    public FeatureDecomposition withBinning(Binning binning) {
        return new FeatureDecomposition(responseBins, binning, featureBins);
    }

    /** Equipopulated bins of the feature over conditions, at least 1. */
    public FeatureDecomposition withFeatureBins(int featureBins) {
        return new FeatureDecomposition(responseBins, binning, featureBins);
    }

    public int responseBins() {
        return responseBins;
    }

    public Binning binning() {
        return binning;
    }

    public int featureBins() {
        return featureBins;
    }

    /** The decomposition with X = RF luminance. */
    public FeatureInformation luminance(ConditionResponses responses, ConditionFeatures features) {
        features.requireMatches(responses);
        return decompose(responses, features.luminanceView());
    }

    /** The decomposition with X = RF contrast. */
    public FeatureInformation contrast(ConditionResponses responses, ConditionFeatures features) {
        features.requireMatches(responses);
        return decompose(responses, features.contrast());
    }

    /**
     * The decomposition with any per-condition feature.
     *
     * @param responses        the unit's responses per condition
     * @param featureOfCondition the feature value of each condition
     */
    public FeatureInformation decompose(ConditionResponses responses, double[] featureOfCondition) {
        return decomposeByLevel(responses, FeatureLevels.of(featureLevels(responses, featureOfCondition),
                featureBins, null));
    }

    /**
     * The feature cut into this decomposition's levels, {@code 0 .. featureBins-1}: X of {@link #decompose}. Units
     * that share a feature (a layer's units at one RF position) share their levels, so they can be cut once.
     *
     * @throws IllegalArgumentException for a non-finite value or fewer values than feature bins
     */
    public FeatureLevels levels(double[] featureOfCondition) {
        Objects.requireNonNull(featureOfCondition, "featureOfCondition");
        return FeatureLevels.of(featureLevels(featureOfCondition), featureBins, null);
    }

    /**
     * As {@link #levels(double[])}, with the conditions' objects, so that {@link #withinObjectByLevel} can use the
     * levels too.
     *
     * @throws IllegalArgumentException as {@link #levels(double[])}, and for an object array whose length differs
     *                                  from the feature's or a negative object id (naming the index)
     */
    public FeatureLevels levels(double[] featureOfCondition, int[] objectOfCondition) {
        Objects.requireNonNull(featureOfCondition, "featureOfCondition");
        Objects.requireNonNull(objectOfCondition, "objectOfCondition");
        return FeatureLevels.of(featureLevels(featureOfCondition), featureBins, objectOfCondition);
    }

    /** {@link #decompose} with the feature cut already ({@link #levels}): the same value. */
    public FeatureInformation decomposeByLevel(ConditionResponses responses, FeatureLevels levels) {
        requireLevels(responses, levels);
        LabelledTrials trials = LabelledTrials.of(responses, binning, responseBins);
        CorrectedBits stimulus = trials.aboutConditions();
        CorrectedBits feature = trials.about(levels.levelView(), featureBins);
        CorrectedBits residual = trials.conditionsWithin(levels.byLevel());
        double fraction = FeatureInformation.fraction(residual.panzeriTrevesBits(), stimulus.panzeriTrevesBits());
        return new FeatureInformation(stimulus, feature, residual, fraction, featureBins);
    }

    /** The luminance information within object, X = RF luminance (see {@link #withinObject}). */
    public WithinObjectInformation luminanceWithinObject(ConditionResponses responses, ConditionFeatures features) {
        Objects.requireNonNull(features, "features");
        features.requireMatches(responses);
        return withinObject(responses, features.objectsView(), features.luminanceView());
    }

    /**
     * The feature information within object, {@code I(R;X|O) = sum_o P(o) I(R;X|O=o)}, next to I(R;X) and I(R;O):
     * how much of what the responses say about the feature is not object identity. R and X are exactly those of
     * {@link #decompose} (responses binned over all trials of all conditions, X cut into {@link #featureBins()}
     * equipopulated levels over all conditions), so {@code I(R;X|O)} is the conditional information of the same X
     * whose {@code I(R;X)} the decomposition reports; within object o, X takes the levels its conditions fall in
     * (at most {@code min(featureBins, distinct values of o)}). Each object term is PT-corrected with its own trials
     * and weighted by {@code P(o)}, so {@code I(R;O) + I(R;X|O) = I(R;X,O)} holds exactly for both estimators.
     *
     * @param responses          the unit's responses per condition
     * @param objectOfCondition  the object id of each condition, non-negative
     * @param featureOfCondition the feature value of each condition
     * @throws IllegalArgumentException as {@link #decompose}, and for an object array whose length differs from the
     *                                  number of conditions or a negative object id (naming the index)
     */
    public WithinObjectInformation withinObject(ConditionResponses responses, int[] objectOfCondition,
            double[] featureOfCondition) {
        int[] level = featureLevels(responses, featureOfCondition);
        Objects.requireNonNull(objectOfCondition, "objectOfCondition");
        return withinObjectByLevel(responses, FeatureLevels.of(level, featureBins, objectOfCondition));
    }

    /**
     * {@link #withinObject} with the feature cut already ({@link #levels(double[], int[])}, which the levels must come
     * from): the same value.
     */
    public WithinObjectInformation withinObjectByLevel(ConditionResponses responses, FeatureLevels levels) {
        requireLevels(responses, levels);
        if (!levels.hasObjects()) {
            throw new IllegalArgumentException("the levels were cut without the conditions' objects: "
                    + "make them with levels(featureOfCondition, objectOfCondition)");
        }
        FeatureLevels.ObjectPart objects = levels.objects();
        LabelledTrials trials = LabelledTrials.of(responses, binning, responseBins);
        return new WithinObjectInformation(trials.about(levels.levelView(), featureBins),
                trials.about(objects.object(), objects.count()), trials.conditional(objects.levelsWithinObject()),
                featureBins, objects.count(), objects.meanLevelsPerObject());
    }

    /** The feature level of each condition, after checking responses and feature agree. */
    private int[] featureLevels(ConditionResponses responses, double[] featureOfCondition) {
        Objects.requireNonNull(responses, "responses");
        Objects.requireNonNull(featureOfCondition, "featureOfCondition");
        int conditions = responses.conditions();
        if (featureOfCondition.length != conditions) {
            throw new IllegalArgumentException("featureOfCondition holds " + featureOfCondition.length
                    + " values for " + conditions + " conditions");
        }
        if (conditions < 2) {
            throw new IllegalArgumentException("responses hold a single condition; need at least two");
        }
        return featureLevels(featureOfCondition);
    }

    /** Throws unless {@code levels} are this decomposition's and hold one level per condition, of at least two. */
    private void requireLevels(ConditionResponses responses, FeatureLevels levels) {
        Objects.requireNonNull(responses, "responses");
        Objects.requireNonNull(levels, "levels");
        if (levels.featureBins() != featureBins) {
            throw new IllegalArgumentException("the levels were cut into " + levels.featureBins()
                    + " feature bins, this decomposition uses " + featureBins);
        }
        if (levels.conditions() != responses.conditions()) {
            throw new IllegalArgumentException("levels hold " + levels.conditions() + " values for "
                    + responses.conditions() + " conditions");
        }
        if (levels.conditions() < 2) {
            throw new IllegalArgumentException("responses hold a single condition; need at least two");
        }
    }

    private int[] featureLevels(double[] featureOfCondition) {
        if (featureBins == 1) {
            for (int c = 0; c < featureOfCondition.length; c++) {
                if (!Double.isFinite(featureOfCondition[c])) {
                    throw new IllegalArgumentException("featureOfCondition[" + c + "] is not finite");
                }
            }
            return new int[featureOfCondition.length];
        }
        if (featureOfCondition.length < featureBins) {
            throw new IllegalArgumentException("featureBins = " + featureBins + " exceeds the "
                    + featureOfCondition.length + " conditions");
        }
        return EquipopulatedBinning.labels(featureOfCondition, featureBins);
    }

    static int[] identity(int size) {
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            labels[i] = i;
        }
        return labels;
    }

    @Override
    public String toString() {
        return "FeatureDecomposition[responseBins=" + responseBins + ", binning=" + binning + ", featureBins="
                + featureBins + "]";
    }
}
