package org.prunedistill.info;

import java.util.Arrays;
import java.util.Objects;

/**
 * The information one unit carries about the stimulus, in bits, by every estimator side by side
 * (SCIENCE.md section 4.3). A value that was not computed (for example by
 * {@link UnitInformationEstimator#estimatePluginAndPt}, or quadratic extrapolation with fewer than 4 trials of a
 * stimulus) is NaN.
 *
 * @param pluginBits                 plug-in mutual information ({@link PluginInformation})
 * @param panzeriTrevesBits          plug-in minus the Bayesian Panzeri-Treves bias ({@link PanzeriTrevesCorrection})
 * @param quadraticExtrapolationBits quadratic extrapolation averaged over trial re-orderings
 *                                   ({@link QuadraticExtrapolation})
 * @param shuffleSubtractedBits      plug-in minus the mean shuffled plug-in ({@link ShuffleSubtraction})
 * @param pValue                     permutation p-value of the plug-in information ({@link PermutationTest})
 * @param binCounts                  trials per response bin, length = number of bins (empty bins included)
 */
public record UnitInformation(double pluginBits, double panzeriTrevesBits, double quadraticExtrapolationBits,
        double shuffleSubtractedBits, double pValue, int[] binCounts) {

    /** Copies {@code binCounts}. */
    public UnitInformation {
        binCounts = Objects.requireNonNull(binCounts, "binCounts").clone();
    }

    /** Copy of the trials per response bin. */
    @Override
    public int[] binCounts() {
        return binCounts.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UnitInformation that
                && Double.compare(pluginBits, that.pluginBits) == 0
                && Double.compare(panzeriTrevesBits, that.panzeriTrevesBits) == 0
                && Double.compare(quadraticExtrapolationBits, that.quadraticExtrapolationBits) == 0
                && Double.compare(shuffleSubtractedBits, that.shuffleSubtractedBits) == 0
                && Double.compare(pValue, that.pValue) == 0
                && Arrays.equals(binCounts, that.binCounts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pluginBits, panzeriTrevesBits, quadraticExtrapolationBits, shuffleSubtractedBits, pValue,
                Arrays.hashCode(binCounts));
    }

    @Override
    public String toString() {
        return "UnitInformation[pluginBits=" + pluginBits + ", panzeriTrevesBits=" + panzeriTrevesBits
                + ", quadraticExtrapolationBits=" + quadraticExtrapolationBits
                + ", shuffleSubtractedBits=" + shuffleSubtractedBits + ", pValue=" + pValue
                + ", binCounts=" + Arrays.toString(binCounts) + "]";
    }
}
