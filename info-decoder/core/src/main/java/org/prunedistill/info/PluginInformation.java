package org.prunedistill.info;

/**
 * Plug-in ("direct", maximum-likelihood) mutual information between a discrete response and the stimulus.
 *
 * <p>{@code I(R;S) = sum_s P(s) sum_r P(r|s) log2(P(r|s) / P(r))} with all probabilities taken as empirical
 * frequencies over trials, computed from the counts as {@code sum_{s,r} (n_sr / N) log2(n_sr N / (n_s n_r))};
 * in bits. It is biased upwards for finite samples (see {@link PanzeriTrevesCorrection},
 * {@link QuadraticExtrapolation}, {@link ShuffleSubtraction}). Stimuli without trials contribute nothing.
 *
 * <p>Reference: Shannon (1948); the plug-in estimator as in Panzeri, Senatore, Montemurro and Petersen (2007),
 * J. Neurophysiol. 98:1064-1072, Eq. 3; SCIENCE.md section 4.1.
 */
public final class PluginInformation {

    private PluginInformation() {
    }

    /**
     * Plug-in mutual information of {@code responses} in bits, {@code >= 0} up to rounding (exactly 0 for an
     * exactly independent table).
     */
    public static double bits(DiscreteResponses responses) {
        return responses.table().pluginBits();
    }
}
