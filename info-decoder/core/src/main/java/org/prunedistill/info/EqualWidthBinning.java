package org.prunedistill.info;

/**
 * Equal-width binning of one unit's responses over all trials, the alternative rule of SCIENCE.md section 4.2.
 *
 * <p>Edges are {@code e_k = min + k (max - min) / bins} for {@code k = 1 .. bins-1}; a value's label is the number
 * of edges at or below it (left-closed bins, {@code numpy.digitize} convention), and the maximum falls in the last
 * bin. When all values are equal every label is 0 (and every edge equals that value).
 *
 * <p>Failure behaviour: {@link IllegalArgumentException} when {@code bins < 2}, when a value is NaN or infinite
 * (the message names the index) or when there are fewer values than bins.
 *
 * <p>Reference: uniform-width quantisation of pyentropy {@code quantise(..., uniform='bins')} (Ince, Petersen, Swan
 * and Panzeri 2009, Front. Neuroinform. 3:4).
 */
public final class EqualWidthBinning {

    private EqualWidthBinning() {
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
        if (allEqual(values)) {
            return labels;
        }
        for (int i = 0; i < values.length; i++) {
            labels[i] = Math.min(BinningArguments.countAtOrBelow(edges, values[i]), bins - 1);
        }
        return labels;
    }

    /**
     * The {@code bins - 1} edges {@code min + k (max - min) / bins}, ascending.
     *
     * @param values one response per trial, finite, at least {@code bins} of them
     * @param bins   number of bins, at least 2
     */
    public static double[] edges(double[] values, int bins) {
        BinningArguments.check(values, bins);
        double min = values[0];
        double max = values[0];
        for (double value : values) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        double width = (max - min) / bins;
        double[] edges = new double[bins - 1];
        for (int k = 1; k < bins; k++) {
            edges[k - 1] = min + k * width;
        }
        return edges;
    }

    private static boolean allEqual(double[] values) {
        for (double value : values) {
            if (value != values[0]) {
                return false;
            }
        }
        return true;
    }
}
