package org.prunedistill.info;

import java.util.SplittableRandom;

/** Synthetic trial sets for ground-truth tests. */
final class Synthetic {

    private Synthetic() {
    }

    /** {@code perStimulus} trials of each of {@code stimuli} stimuli, in stimulus-major order. */
    static int[] stimulusLabels(int stimuli, int perStimulus) {
        int[] labels = new int[stimuli * perStimulus];
        for (int t = 0; t < labels.length; t++) {
            labels[t] = t / perStimulus;
        }
        return labels;
    }

    /** Uniform response labels independent of everything. */
    static int[] independentLabels(int trials, int bins, SplittableRandom rng) {
        int[] labels = new int[trials];
        for (int t = 0; t < trials; t++) {
            labels[t] = rng.nextInt(bins);
        }
        return labels;
    }

    static double[] asDoubles(int[] labels) {
        double[] values = new double[labels.length];
        for (int t = 0; t < labels.length; t++) {
            values[t] = labels[t];
        }
        return values;
    }

    /** Binary entropy in bits. */
    static double binaryEntropy(double p) {
        return -(p * Math.log(p) + (1 - p) * Math.log(1 - p)) / Math.log(2);
    }
}
