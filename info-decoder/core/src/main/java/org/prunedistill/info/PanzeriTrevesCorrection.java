package org.prunedistill.info;

import java.util.Objects;

/**
 * Panzeri-Treves analytic correction of the limited-sampling bias of the plug-in mutual information.
 *
 * <p>{@code I_PT = I_plugin - BIAS} with {@code BIAS = [sum_s (R_s - 1) - (R - 1)] / (2 N ln 2)} bits, where
 * {@code N} is the number of trials, {@code R_s} the number of relevant response bins for stimulus {@code s}
 * (from its {@code N_s} trials) and {@code R} that over all trials. The {@link #bayesian()} variant (default)
 * estimates the relevant bins with the Bayesian count of Panzeri and Treves over the full response alphabet
 * ({@link #bayesianBinCount}); the {@link #naive()} variant counts occupied bins. Stimuli without trials are
 * skipped. The corrected value can exceed the plug-in one (a noiseless bijection) and can be negative (exact
 * independence): that is the estimator, not an error.
 *
 * <p>Reference: Panzeri and Treves (1996), Network 7:87-107, Eq. 2.11 and the Bayesian procedure of its
 * section 2.3; the procedure as in pyentropy {@code pt_bayescount} (Ince et al. 2009); SCIENCE.md section 4.3.
 */
public final class PanzeriTrevesCorrection {

    /** Probabilities at or below this (numpy float64 eps) count as empty bins, as in pyentropy. */
    private static final double EMPTY = Math.ulp(1.0);
    private static final double LN2 = Math.log(2.0);
    private static final PanzeriTrevesCorrection BAYESIAN = new PanzeriTrevesCorrection(true);
    private static final PanzeriTrevesCorrection NAIVE = new PanzeriTrevesCorrection(false);

    private final boolean bayesian;

    private PanzeriTrevesCorrection(boolean bayesian) {
        this.bayesian = bayesian;
    }

    /** Relevant bins by the Bayesian count over the full response alphabet (SCIENCE.md 4.3, the default). */
    public static PanzeriTrevesCorrection bayesian() {
        return BAYESIAN;
    }

    /** Relevant bins = occupied bins. */
    public static PanzeriTrevesCorrection naive() {
        return NAIVE;
    }

    /** Whether this correction uses the Bayesian bin count. */
    public boolean isBayesian() {
        return bayesian;
    }

    /** The bias {@code [sum_s (R_s - 1) - (R - 1)] / (2 N ln 2)} in bits, subtracted from the plug-in value. */
    public double bias(DiscreteResponses responses) {
        return bias(responses.table());
    }

    /** Plug-in mutual information minus {@link #bias}, in bits. */
    public double correctedBits(DiscreteResponses responses) {
        return correctedBits(responses.table());
    }

    /** {@code R}: relevant response bins over all trials, by this variant's count. */
    public double relevantResponseBins(DiscreteResponses responses) {
        ContingencyTable table = responses.table();
        double[] scratch = new double[table.responseBins()];
        for (int r = 0; r < scratch.length; r++) {
            scratch[r] = table.responseTotal(r);
        }
        return relevantBins(scratch, table.trials());
    }

    /**
     * Bayesian estimate of the number of relevant bins (pyentropy {@code pt_bayescount}, SCIENCE.md 4.3).
     *
     * <p>With {@code Rn} the bins of probability above machine epsilon and {@code dim} all bins: if {@code Rn == dim}
     * the answer is {@code dim}. Otherwise {@code x} unseen bins are added one at a time while the expected number of
     * occupied bins, under a posterior that gives the unseen bins mass {@code g = x (1 - (Nt/(Nt+Rn))^(1/Nt))},
     * moves closer to {@code Rn}; the answer is {@code Rn + x - 1}, plus 1 if the last step still improved.
     *
     * @param probabilities the {@code dim} bin probabilities, finite and non-negative
     * @param trials        number of trials {@code Nt} they were estimated from, at least 1
     * @return the relevant number of bins, between the occupied count and {@code dim}
     * @throws IllegalArgumentException for no bins, {@code trials < 1} or a negative or non-finite probability
     */
    public static double bayesianBinCount(double[] probabilities, int trials) {
        Objects.requireNonNull(probabilities, "probabilities");
        if (probabilities.length == 0) {
            throw new IllegalArgumentException("probabilities must not be empty");
        }
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be at least 1, got " + trials);
        }
        for (int i = 0; i < probabilities.length; i++) {
            if (!(probabilities[i] >= 0) || Double.isInfinite(probabilities[i])) {
                throw new IllegalArgumentException("probabilities[" + i + "] is not a probability: "
                        + probabilities[i]);
            }
        }
        return bayesianCount(probabilities, trials);
    }

    double correctedBits(ContingencyTable table) {
        return table.pluginBits() - bias(table);
    }

    double bias(ContingencyTable table) {
        int bins = table.responseBins();
        double[] scratch = new double[bins];
        boolean cached = bayesian && bins == SmallRows.BINS;
        double sumConditional = 0.0;
        for (int s = 0; s < table.stimulusCount(); s++) {
            int ns = table.stimulusTotal(s);
            if (ns == 0) {
                continue;
            }
            if (table.rowOccupied(s)) {
                // Every bin seen: both counts give all bins (a count of 1 is a probability of 1/ns > epsilon).
                sumConditional += bins - 1.0;
                continue;
            }
            if (cached && ns <= SmallRows.MAX_TRIALS) {
                int first = table.joint(s, 0) > 0 ? table.joint(s, 0)
                        : table.joint(s, 1) > 0 ? table.joint(s, 1) : ns;
                sumConditional += SmallRows.relevantBins(ns, first) - 1.0;
                continue;
            }
            for (int r = 0; r < bins; r++) {
                scratch[r] = table.joint(s, r);
            }
            sumConditional += relevantBins(scratch, ns) - 1.0;
        }
        double total;
        if (allBinsSeen(table)) {
            total = bins - 1.0;
        } else {
            for (int r = 0; r < bins; r++) {
                scratch[r] = table.responseTotal(r);
            }
            total = relevantBins(scratch, table.trials()) - 1.0;
        }
        return (sumConditional - total) / (2.0 * table.trials() * LN2);
    }

    /**
     * Whether every response bin has a trial: then both counts give all bins for the response totals, as for a full
     * row (a count of 1 is a probability of 1/N, far above machine epsilon), and no count needs computing.
     */
    private static boolean allBinsSeen(ContingencyTable table) {
        for (int r = 0; r < table.responseBins(); r++) {
            if (table.responseTotal(r) == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #bias} of a table whose rows each hold one trial (a stimulus shown once: an object pair's conditions
     * with one trial each), row {@code s} in bin {@code labelOfRow[s]}, for {@code s < rows}, and whose response
     * totals and trials are those of {@code margins} (a table of the same trials): the same sums in the same order,
     * without counting the rows into a table.
     */
    double biasOfSingleTrialRows(int[] labelOfRow, int rows, ContingencyTable margins) {
        int bins = margins.responseBins();
        if (singleTrialRowsIgnoreLabels(bins)) {
            return biasOfRowSum(singleTrialRowsSum(rows), margins);
        }
        double[] scratch = new double[bins];
        double sumConditional = 0.0;
        for (int s = 0; s < rows; s++) {
            java.util.Arrays.fill(scratch, 0.0);
            scratch[labelOfRow[s]] = 1.0;
            sumConditional += relevantBins(scratch, 1) - 1.0;
        }
        return biasOfRowSum(sumConditional, margins);
    }

    /**
     * Whether {@link #biasOfSingleTrialRows} reads no label: with the cached 3-bin Bayesian count a row of one trial
     * never has every bin seen (bins >= 2) and its first non-zero count is 1, so every row adds the same term.
     */
    boolean singleTrialRowsIgnoreLabels(int bins) {
        return bayesian && bins == SmallRows.BINS;
    }

    /**
     * The conditional part of {@link #biasOfSingleTrialRows} of {@code rows} rows when it reads no label
     * ({@link #singleTrialRowsIgnoreLabels}): the same term added row by row from 0, as that method adds it (looked up
     * for up to {@value SmallRows#ROW_SUMS} rows, since every unit's tables ask for it).
     */
    double singleTrialRowsSum(int rows) {
        return SmallRows.singleTrialRowsSum(rows);
    }

    /** The bias of single-trial rows whose conditional part is {@code sumConditional} (see {@link #bias}). */
    double biasOfRowSum(double sumConditional, ContingencyTable margins) {
        int bins = margins.responseBins();
        if (allBinsSeen(margins)) {
            return (sumConditional - (bins - 1.0)) / (2.0 * margins.trials() * LN2);
        }
        double[] scratch = new double[bins];
        for (int r = 0; r < bins; r++) {
            scratch[r] = margins.responseTotal(r);
        }
        double total = relevantBins(scratch, margins.trials()) - 1.0;
        return (sumConditional - total) / (2.0 * margins.trials() * LN2);
    }

    /** Relevant bins of the given counts (overwritten by probabilities) from {@code trials} trials. */
    private double relevantBins(double[] counts, int trials) {
        if (!bayesian) {
            int occupied = 0;
            for (double count : counts) {
                occupied += count > 0 ? 1 : 0;
            }
            return occupied;
        }
        for (int r = 0; r < counts.length; r++) {
            counts[r] /= trials;
        }
        return bayesianCount(counts, trials);
    }

    /**
     * The Bayesian count of the rows of a 3-bin table with few trials, computed once: a row with an empty bin has at
     * most two occupied bins, and the count reads only the occupied bins' probabilities in bin order (empty ones are
     * skipped), so it is a function of the row's trials and its first non-zero count. The table holds exactly the
     * value {@link #bayesianCount} gives, so a table row costs a lookup instead of several powers.
     */
    private static final class SmallRows {

        static final int BINS = 3;
        static final int MAX_TRIALS = 128;
        /** {@code [ns * (ns - 1) / 2 + first - 1]}: rows of {@code ns} trials whose first non-zero count is first. */
        private static final double[] RELEVANT = new double[MAX_TRIALS * (MAX_TRIALS + 1) / 2];

        static {
            for (int ns = 1; ns <= MAX_TRIALS; ns++) {
                for (int first = 1; first <= ns; first++) {
                    double[] p = {(double) first / ns, (double) (ns - first) / ns, 0.0};
                    RELEVANT[ns * (ns - 1) / 2 + first - 1] = bayesianCount(p, ns);
                }
            }
        }

        static double relevantBins(int ns, int first) {
            return RELEVANT[ns * (ns - 1) / 2 + first - 1];
        }

        static final int ROW_SUMS = 4096;
        /** {@code [rows]}: the term of a one-trial row added {@code rows} times from 0, one addition at a time. */
        private static final double[] SINGLE_TRIAL_ROWS = new double[ROW_SUMS + 1];

        static {
            double term = relevantBins(1, 1) - 1.0;
            for (int rows = 1; rows <= ROW_SUMS; rows++) {
                SINGLE_TRIAL_ROWS[rows] = SINGLE_TRIAL_ROWS[rows - 1] + term;
            }
        }

        static double singleTrialRowsSum(int rows) {
            if (rows <= ROW_SUMS) {
                return SINGLE_TRIAL_ROWS[rows];
            }
            double term = relevantBins(1, 1) - 1.0;
            double sum = SINGLE_TRIAL_ROWS[ROW_SUMS];
            for (int s = ROW_SUMS; s < rows; s++) {
                sum += term;
            }
            return sum;
        }
    }

    private static double bayesianCount(double[] p, int trials) {
        int dim = p.length;
        double nt = trials;
        int occupied = 0;
        for (double pi : p) {
            occupied += pi > EMPTY ? 1 : 0;
        }
        if (occupied == dim) {
            return dim;
        }
        double missed = 0.0;
        for (double pi : p) {
            if (pi > EMPTY) {
                missed += Math.pow(1.0 - pi, nt);
            }
        }
        double delta = Math.abs(occupied - (occupied - missed));
        double previous = dim;
        int extra = 0;
        double shrink = 1.0 - Math.pow(nt / (nt + occupied), 1.0 / nt);
        while (delta < previous && occupied + extra < dim) {
            extra++;
            double gamma = extra * shrink;
            double scale = (1.0 - gamma) / (nt + occupied);
            double expected = 0.0;
            for (double pi : p) {
                if (pi > EMPTY) {
                    expected += 1.0 - Math.pow(1.0 - scale * (pi * nt + 1.0), nt);
                }
            }
            expected += extra * (1.0 - Math.pow(1.0 - gamma / extra, nt));
            previous = delta;
            delta = Math.abs(occupied - expected);
        }
        double relevant = occupied + extra - 1.0;
        return delta < previous ? relevant + 1.0 : relevant;
    }
}
