package org.prunedistill.extraction.natural;

/**
 * A linear read-out of raw pixels for tests: nearest class mean, the means from 2000 images of stream 11, tested on
 * 1000 images of stream 12, at the set's size.
 */
public final class NearestClassMean {

    private NearestClassMean() {
    }

    /** The share of the 1000 test images whose nearest class mean is their own class's. */
    public static double accuracy(NaturalImageSet images) {
        int classes = images.classes();
        int area = 3 * images.imageSize() * images.imageSize();
        double[][] means = new double[classes][area];
        int[] counts = new int[classes];
        for (int i = 0; i < 2000; i++) {
            NaturalImageSet.Sample s = images.sample(11, i);
            counts[s.label()]++;
            float[] px = s.pixels();
            for (int p = 0; p < area; p++) {
                means[s.label()][p] += px[p];
            }
        }
        for (int k = 0; k < classes; k++) {
            for (int p = 0; p < area; p++) {
                means[k][p] /= counts[k];
            }
        }
        int tests = 1000;
        int correct = 0;
        for (int i = 0; i < tests; i++) {
            NaturalImageSet.Sample s = images.sample(12, i);
            int best = -1;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                double d = 0.0;
                for (int p = 0; p < area; p++) {
                    double e = s.pixels()[p] - means[k][p];
                    d += e * e;
                }
                if (d < bestDistance) {
                    bestDistance = d;
                    best = k;
                }
            }
            correct += best == s.label() ? 1 : 0;
        }
        return (double) correct / tests;
    }
}
