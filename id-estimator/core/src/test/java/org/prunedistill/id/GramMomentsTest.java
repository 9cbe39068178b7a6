package org.prunedistill.id;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Gram sums are running sums over the columns in order, bit for bit, however the columns arrive in blocks and
 * however the kernel tiles and vectorises them: checked against the plainest loop that defines them.
 */
class GramMomentsTest {

    /** Odd, so one row of the balanced row pairs is alone; more than a vector of rows. */
    private static final int N = 37;
    /** Block widths around the kernel's four columns and its tile, a constant column in the second block. */
    private static final int[] WIDTHS = {1, 6, GramMoments.TILE_COLUMNS + 7, 3, 2 * GramMoments.TILE_COLUMNS + 2};

    @Test
    void sumsAreTheRunningSumsOverTheColumnsInOrderBitForBit() {
        SplittableRandom random = new SplittableRandom(23);
        GramMoments moments = new GramMoments(N);
        double[][] centred = new double[N][N];
        double[][] standardised = new double[N][N];
        int constant = 0;
        for (int b = 0; b < WIDTHS.length; b++) {
            int width = WIDTHS[b];
            float[] block = new float[N * width];
            for (int i = 0; i < block.length; i++) {
                // rectified, as activations are: many exact zeros, wide range
                block[i] = (float) Math.max(0.0, random.nextGaussian() * Math.exp(3 * random.nextDouble()));
            }
            if (b == 1) {
                for (int r = 0; r < N; r++) {
                    block[r * width + 2] = 0.25f;
                }
                constant++;
            }
            moments.add(block, width);
            addPlainly(block, width, centred, standardised);
        }
        double[][] kernelCentred = moments.centredSums();
        double[][] kernelStandardised = moments.standardisedSums();
        for (int i = 0; i < N; i++) {
            assertArrayEquals(java.util.Arrays.copyOf(centred[i], i + 1), kernelCentred[i], "centred row " + i);
            assertArrayEquals(java.util.Arrays.copyOf(standardised[i], i + 1), kernelStandardised[i],
                    "standardised row " + i);
        }
        LinearDimensionEstimate estimate = moments.estimate(0.9);
        assertEquals(constant, estimate.constantFeatures());
        assertEquals(java.util.Arrays.stream(WIDTHS).sum(), estimate.features());
    }

    /** The definition: per column its mean and population SD over the rows, then each entry gains the products. */
    private static void addPlainly(float[] block, int width, double[][] centred, double[][] standardised) {
        for (int c = 0; c < width; c++) {
            double mean = 0.0;
            for (int r = 0; r < N; r++) {
                mean += block[r * width + c];
            }
            mean /= N;
            double squares = 0.0;
            for (int r = 0; r < N; r++) {
                double deviation = block[r * width + c] - mean;
                squares += deviation * deviation;
            }
            double sd = Math.sqrt(squares / N);
            double weight = sd > 0.0 ? 1.0 / sd : 0.0;
            for (int i = 0; i < N; i++) {
                double yi = block[i * width + c] - mean;
                double zi = yi * weight;
                for (int j = 0; j <= i; j++) {
                    double yj = block[j * width + c] - mean;
                    centred[i][j] += yi * yj;
                    standardised[i][j] += zi * (yj * weight);
                }
            }
        }
    }
}
