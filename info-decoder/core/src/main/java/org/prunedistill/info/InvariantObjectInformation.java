package org.prunedistill.info;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Invariant object information of one unit (SCIENCE.md 4.5): for every pair of objects, I(R;O) with O the binary
 * object identity pooled over all views of each object, next to I(R;S) over the pair's 2 x views conditions.
 * Only pairs whose luminance ratio (mean RF luminance of the dimmer object over that of the brighter one) exceeds
 * {@link #threshold()} (default 0.9) are kept, so that a unit cannot tell the objects apart by brightness alone;
 * the kept pairs are averaged (see {@link InvariantInformation} for the fraction and its NaN policy).
 *
 * <p>For each pair the responses of its conditions are binned together ({@link #binning()},
 * {@link #responseBins()}), as the pair is the analysis. Dropped pairs are not computed. Both terms are
 * Panzeri-Treves corrected (plug-in values are kept in {@link PairInformation}).
 *
 * <p>Failure behaviour: {@link IllegalArgumentException} when responses and features disagree on the number of
 * conditions, for fewer than two objects, or for a kept pair with fewer trials than response bins.
 * Immutable; no randomness.
 *
 * <p>Reference: Tafazoli, Safaai, De Franceschi, ... Zoccolan (2017), J. Neurophysiol. 118:130-159, Methods
 * ("invariant object information", luminance-ratio threshold); Muratore et al. (2022), NeurIPS.
 */
public final class InvariantObjectInformation {

    /** Luminance-ratio threshold of {@link #withDefaults()}. */
    public static final double DEFAULT_THRESHOLD = 0.9;

    private final double threshold;
    private final int responseBins;
    private final Binning binning;

    private InvariantObjectInformation(double threshold, int responseBins, Binning binning) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], got " + threshold);
        }
        if (responseBins < 2) {
            throw new IllegalArgumentException("responseBins must be at least 2, got " + responseBins);
        }
        this.threshold = threshold;
        this.responseBins = responseBins;
        this.binning = Objects.requireNonNull(binning, "binning");
    }

    /** Threshold 0.9, 3 equipopulated response bins. */
    public static InvariantObjectInformation withDefaults() {
        return new InvariantObjectInformation(DEFAULT_THRESHOLD, UnitInformationEstimator.DEFAULT_BINS,
                Binning.EQUIPOPULATED);
    }

    /** Luminance-ratio threshold in [0, 1]; a pair is kept when its ratio is strictly above it. */
    public InvariantObjectInformation withThreshold(double threshold) {
        return new InvariantObjectInformation(threshold, responseBins, binning);
    }

    /** Response bins, at least 2. */
    public InvariantObjectInformation withResponseBins(int responseBins) {
        return new InvariantObjectInformation(threshold, responseBins, binning);
    }

    /** Response binning rule. */
    public InvariantObjectInformation withBinning(Binning binning) {
        return new InvariantObjectInformation(threshold, responseBins, binning);
    }

    public double threshold() {
        return threshold;
    }

    public int responseBins() {
        return responseBins;
    }

    public Binning binning() {
        return binning;
    }

    /** Every pair of distinct objects of {@code features}, and the average over the kept ones. */
    public InvariantInformation estimate(ConditionResponses responses, ConditionFeatures features) {
        Objects.requireNonNull(responses, "responses");
        Objects.requireNonNull(features, "features");
        features.requireMatches(responses);
        return estimate(responses, ObjectGroups.of(features));
    }

    /**
     * {@link #estimate(ConditionResponses, ConditionFeatures)} with the conditions grouped by object already (once
     * for the units that share the features): the same value.
     */
    public InvariantInformation estimate(ConditionResponses responses, ObjectGroups objects) {
        Objects.requireNonNull(responses, "responses");
        Objects.requireNonNull(objects, "objects");
        objects.features().requireMatches(responses);
        ObjectPairs byObject = binning == Binning.EQUIPOPULATED
                ? new ObjectPairs(responses, objects, responseBins) : null;
        List<PairInformation> pairs = new ArrayList<>();
        double objectSum = 0.0;
        double stimulusSum = 0.0;
        int kept = 0;
        for (int i = 0; i < objects.objects(); i++) {
            for (int j = i + 1; j < objects.objects(); j++) {
                PairInformation pair = byObject != null ? byObject.pair(i, j, threshold)
                        : pair(responses, objects.features(), objects.id(i), objects.id(j));
                pairs.add(pair);
                if (pair.kept()) {
                    kept++;
                    objectSum += pair.object().panzeriTrevesBits();
                    stimulusSum += pair.stimulus().panzeriTrevesBits();
                }
            }
        }
        double objectMean = kept == 0 ? Double.NaN : objectSum / kept;
        double stimulusMean = kept == 0 ? Double.NaN : stimulusSum / kept;
        return new InvariantInformation(pairs, kept, objectMean, stimulusMean,
                FeatureInformation.fraction(objectMean, stimulusMean), threshold);
    }

    /** {@link LuminanceRatio#of} over the features' objects and RF luminance. */
    static double luminanceRatio(ConditionFeatures features, int objectA, int objectB) {
        return LuminanceRatio.of(features.objectsView(), features.luminanceView(), objectA, objectB);
    }

    private PairInformation pair(ConditionResponses responses, ConditionFeatures features, int a, int b) {
        double ratio = luminanceRatio(features, a, b);
        if (!(ratio > threshold)) {
            CorrectedBits none = new CorrectedBits(Double.NaN, Double.NaN);
            return new PairInformation(a, b, ratio, false, none, none);
        }
        int[] objects = features.objectsView();
        boolean[] inPair = new boolean[objects.length];
        List<Integer> objectOfKept = new ArrayList<>();
        for (int c = 0; c < objects.length; c++) {
            inPair[c] = objects[c] == a || objects[c] == b;
            if (inPair[c]) {
                objectOfKept.add(objects[c] == a ? 0 : 1);
            }
        }
        int[] binaryObject = objectOfKept.stream().mapToInt(Integer::intValue).toArray();
        LabelledTrials trials = LabelledTrials.of(responses.subset(inPair), binning, responseBins);
        CorrectedBits object = trials.about(binaryObject, 2);
        CorrectedBits stimulus = trials.about(FeatureDecomposition.identity(binaryObject.length),
                binaryObject.length);
        return new PairInformation(a, b, ratio, true, object, stimulus);
    }

    @Override
    public String toString() {
        return "InvariantObjectInformation[threshold=" + threshold + ", responseBins=" + responseBins
                + ", binning=" + binning + "]";
    }
}
