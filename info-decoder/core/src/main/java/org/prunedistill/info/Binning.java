package org.prunedistill.info;

import java.util.Objects;

/**
 * How raw responses become response labels before the information estimators see them (SCIENCE.md section 4.2).
 *
 * <p>Failure behaviour: every rule throws {@link IllegalArgumentException} for non-finite values (naming the index)
 * and for {@code bins < 2}; {@link #EQUIPOPULATED} and {@link #EQUAL_WIDTH} also for fewer values than bins;
 * {@link #NONE} for a value that is not an integer in {@code 0 .. bins-1}.
 */
public enum Binning {

    /** {@link EquipopulatedBinning}: (nearly) equal counts per bin, ties share a label. The default. */
    EQUIPOPULATED {
        @Override
        public int[] labels(double[] values, int bins) {
            return EquipopulatedBinning.labels(values, bins);
        }
    },

    /** {@link EqualWidthBinning}: equal-width bins between the minimum and the maximum. */
    EQUAL_WIDTH {
        @Override
        public int[] labels(double[] values, int bins) {
            return EqualWidthBinning.labels(values, bins);
        }
    },

    /**
     * No binning: the values already are response labels, integers in {@code 0 .. bins-1}; {@code bins} is the size
     * of the response alphabet (labels that never occur still count as possible bins for Panzeri-Treves).
     */
    NONE {
        @Override
        public int[] labels(double[] values, int bins) {
            Objects.requireNonNull(values, "values");
            if (bins < 2) {
                throw new IllegalArgumentException("bins must be at least 2, got " + bins);
            }
            int[] labels = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                double value = values[i];
                if (!(value >= 0 && value < bins && value == Math.rint(value))) {
                    throw new IllegalArgumentException("values[" + i + "] = " + value
                            + " is not a response label in 0.." + (bins - 1));
                }
                labels[i] = (int) value;
            }
            return labels;
        }
    };

    /**
     * Response labels in {@code 0 .. bins-1}, one per value, in input order.
     *
     * @param values one response per trial
     * @param bins   number of bins (the response alphabet), at least 2
     */
    public abstract int[] labels(double[] values, int bins);
}
