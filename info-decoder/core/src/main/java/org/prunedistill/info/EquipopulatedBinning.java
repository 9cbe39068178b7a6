package org.prunedistill.info;

import java.util.Arrays;

/**
 * Equipopulated (maximum-entropy) binning of one unit's responses over all trials, SCIENCE.md section 4.2.
 *
 * <p>The {@code N} values are sorted, {@code x(0) <= ... <= x(N-1)}; the {@code bins - 1} edges are
 * {@code e_k = x(floor(k N / bins) - 1)} for {@code k = 1 .. bins-1}, and a value's label is the number of edges it
 * strictly exceeds (right-closed bins), so labels run over {@code 0 .. bins-1}. Tied values always share a label, and
 * a tie block that contains an edge stays in the lower bin: a ReLU unit with 70% zeros gets counts like
 * {@code [many, 0, some]} with 3 bins. Empty bins are possible and remain part of the response alphabet.
 *
 * <p>Failure behaviour: {@link IllegalArgumentException} when {@code bins < 2}, when a value is NaN or infinite
 * (the message names the index) or when there are fewer values than bins.
 *
 * <p>Reference: the rule of JIDT {@code MatrixUtils.discretiseMaxEntropy} (Lizier 2014) and IDTxl, used for the
 * single-unit analyses of Tafazoli, Safaai, ... Zoccolan (2017), J. Neurophysiol. 118:130-159, Methods.
 */
public final class EquipopulatedBinning {

    private EquipopulatedBinning() {
    }

    /**
     * Bin labels of {@code values}.
     *
     * @param values one response per trial, finite, at least {@code bins} of them
     * @param bins   number of bins, at least 2
     * @return one label in {@code 0 .. bins-1} per value, in the input order
     */
    public static int[] labels(double[] values, int bins) {
        double[] edges = edges(values, bins);
        int[] labels = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            labels[i] = BinningArguments.countBelow(edges, values[i]);
        }
        return labels;
    }

    /**
     * The {@code bins - 1} edges {@code e_k = x(floor(k N / bins) - 1)}, ascending (equal when ties span an edge).
     *
     * @param values one response per trial, finite, at least {@code bins} of them
     * @param bins   number of bins, at least 2
     */
    public static double[] edges(double[] values, int bins) {
        BinningArguments.check(values, bins);
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double[] edges = new double[bins - 1];
        for (int k = 1; k < bins; k++) {
            edges[k - 1] = sorted[(int) ((long) k * n / bins) - 1];
        }
        return edges;
    }
}
