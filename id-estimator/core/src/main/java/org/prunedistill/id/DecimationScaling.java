package org.prunedistill.id;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Intrinsic dimension versus scale by decimation (Facco et al. 2017, Sci Rep 7:12140; DADApy's
 * {@code return_id_scaling_2NN}; SCIENCE.md 3.5): the fewer the points, the larger the nearest-neighbour distances,
 * so the estimate on a decimated data set probes a larger scale.
 *
 * <p>Sizes are round(N / 2^i) for i = 0 .. floor(log2 N) - 2 (round half to even, as numpy), keeping sizes above
 * {@code minSize} (default 10). For each size the points are shuffled once and cut into round(N / size) disjoint
 * subsets (fewer, floor(N / size), when that many do not fit); the estimator (default TwoNN, linear fit, fraction
 * 0.9) runs on each subset's own two nearest neighbours, read off the shared neighbour lists
 * ({@link SharedNeighbours#subset}, exact). Per size: the mean id, its standard error SD / sqrt(subsets) (population
 * SD, as DADApy), and the scale, the mean over subsets of the mean (r1 + r2) / 2 over all their points. N is the
 * number of distinct points (duplicates removed once, SCIENCE.md 3.1).
 *
 * <p>DADApy draws its subsets independently (they may overlap); SCIENCE.md asks for disjoint ones, used here. Size N
 * is the whole data set and is deterministic. Randomness comes only from the generator passed in. Immutable.
 */
public final class DecimationScaling {

    public static final int DEFAULT_MIN_SIZE = 10;
    /** Neighbours listed per point when {@link #estimate(Points, RandomGenerator)} searches itself. */
    private static final int SHARED_LIST = 16;

    private final IdEstimator estimator;
    private final int minSize;

    private DecimationScaling(IdEstimator estimator, int minSize) {
        if (estimator == null) {
            throw new IllegalArgumentException("estimator must not be null");
        }
        if (minSize < Points.MIN_POINTS - 1) {
            throw new IllegalArgumentException("minSize must be at least " + (Points.MIN_POINTS - 1) + ", got "
                    + minSize);
        }
        this.estimator = estimator;
        this.minSize = minSize;
    }

    /** TwoNN linear fit (fraction 0.9) on subsets of more than 10 points. */
    public static DecimationScaling withDefaults() {
        return new DecimationScaling(TwoNnEstimator.withDefaults(), DEFAULT_MIN_SIZE);
    }

    /** A copy applying another estimator (it gets two neighbours per point) to every subset. */
    public DecimationScaling withEstimator(IdEstimator estimator) {
        return new DecimationScaling(estimator, minSize);
    }

    /** A copy keeping only sizes strictly above {@code minSize >= 2}. */
    public DecimationScaling withMinSize(int minSize) {
        return new DecimationScaling(estimator, minSize);
    }

    /** The subset sizes for N points: round(N / 2^i), i = 0 .. floor(log2 N) - 2, above minSize. */
    public List<Integer> sizes(int n) {
        List<Integer> sizes = new ArrayList<>();
        int steps = 31 - Integer.numberOfLeadingZeros(n) - 1;
        for (int i = 0; i < steps; i++) {
            int size = (int) Math.rint(n / Math.pow(2.0, i));
            if (size > minSize) {
                sizes.add(size);
            }
        }
        return sizes;
    }

    /**
     * One step per size, largest first, searching the neighbours of {@code points} first.
     *
     * @throws IllegalArgumentException if no size is above minSize (N too small) or an argument is null
     */
    public List<DecimationStep> estimate(Points points, RandomGenerator random) {
        if (points == null) {
            throw new IllegalArgumentException("points must not be null");
        }
        return estimate(SharedNeighbours.search(points, SHARED_LIST, NeighbourSearchMethod.JAVA), random);
    }

    /**
     * One step per size, largest first, over the shared neighbours' distinct points.
     *
     * @throws IllegalArgumentException if no size is above minSize (N too small) or an argument is null
     */
    public List<DecimationStep> estimate(SharedNeighbours shared, RandomGenerator random) {
        if (shared == null || random == null) {
            throw new IllegalArgumentException("shared and random must not be null");
        }
        List<Integer> sizes = sizes(shared.n());
        if (sizes.isEmpty()) {
            throw new IllegalArgumentException("points: " + shared.n() + " distinct points give no subset size "
                    + "above " + minSize);
        }
        List<DecimationStep> steps = new ArrayList<>(sizes.size());
        for (int size : sizes) {
            steps.add(step(shared, size, random));
        }
        return List.copyOf(steps);
    }

    private DecimationStep step(SharedNeighbours shared, int size, RandomGenerator random) {
        int n = shared.n();
        int subsets = (int) Math.rint((double) n / size);
        if ((long) subsets * size > n) {
            subsets = n / size;
        }
        int[] order = Subsets.permutation(n, random);
        double[] ids = new double[subsets];
        double[] scales = new double[subsets];
        for (int s = 0; s < subsets; s++) {
            Neighbourhoods neighbourhoods = shared.subset(Arrays.copyOfRange(order, s * size, (s + 1) * size), 2);
            ids[s] = estimator.estimate(neighbourhoods).id();
            scales[s] = meanTwoNeighbourScale(neighbourhoods);
        }
        double error = Subsets.standardDeviation(ids) / Math.sqrt(subsets);
        return new DecimationStep(size, subsets, Subsets.mean(ids), error, Subsets.mean(scales));
    }

    /** Mean over all points of (r1 + r2) / 2 (DADApy's scale, whatever fraction the fit keeps). */
    private static double meanTwoNeighbourScale(Neighbourhoods neighbourhoods) {
        double sum = 0.0;
        for (double[] row : neighbourhoods.distances()) {
            sum += 0.5 * (row[0] + row[1]);
        }
        return sum / neighbourhoods.n();
    }
}
