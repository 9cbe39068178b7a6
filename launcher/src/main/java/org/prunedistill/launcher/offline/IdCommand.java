package org.prunedistill.launcher.offline;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.prunedistill.id.DecimationScaling;
import org.prunedistill.id.GrideMultiscale;
import org.prunedistill.id.IdAnalysis;
import org.prunedistill.id.IdAnalysisResult;
import org.prunedistill.id.LinearDimension;
import org.prunedistill.id.NeighbourSearchMethod;
import org.prunedistill.id.Points;
import org.prunedistill.id.Subsampling;
import org.prunedistill.id.TwoNnEstimator;
import org.prunedistill.id.TwoNnMaximumLikelihood;
import org.prunedistill.id.nd4j.Nd4jNearestNeighbours;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./pd id}: intrinsic and linear dimension of an N x D array stored as {@code .npy}, offline, through the same
 * {@link IdAnalysis} the id-estimator service uses (SCIENCE.md section 3).
 *
 * <p>Exit codes: 0 on success, 1 when the input or an option value is refused (one line on stderr saying what and
 * where), 2 for a command-line usage error (picocli).
 */
@Command(name = "id", mixinStandardHelpOptions = true,
        description = {"Intrinsic dimension of the rows of an N x D array (points x features) with the estimators "
                + "of SCIENCE.md section 3: TwoNN linear fit and maximum likelihood with its confidence interval, "
                + "multiscale GRIDE (n2 = 2 n1 up to the range; id, Fisher error and length scale per step), and, "
                + "for contrast, the linear PC-ID and participation ratio. Duplicate rows are removed (and counted) "
                + "before the neighbour search; values are rounded to float32. Same code as the id-estimator "
                + "service.", ""},
        footer = {"", "Example: ./pd id layer.npy --json --gride-range 128"})
public final class IdCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.npy",
            description = "N x D array, one point per row: .npy (any real dtype, C or Fortran order) or an array "
                    + "of a .npz (its only one, or FILE.npz:NAME)")
    Path file;

    @Option(names = "--fraction", paramLabel = "F", defaultValue = "" + TwoNnEstimator.DEFAULT_FRACTION,
            description = "fraction of the smallest ratios kept by the TwoNN linear fit, in (0, 1] "
                    + "(default: ${DEFAULT-VALUE})")
    double fraction;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "" + TwoNnMaximumLikelihood.DEFAULT_ALPHA,
            description = "the TwoNN MLE interval has level 1 - A, A in (0, 1) (default: ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--gride-range", paramLabel = "K", defaultValue = "" + GrideMultiscale.DEFAULT_RANGE_MAX,
            description = "largest GRIDE order n2 (at least 2; capped at the distinct points - 1) "
                    + "(default: ${DEFAULT-VALUE})")
    int grideRange;

    @Option(names = "--pca-threshold", paramLabel = "T", defaultValue = "" + LinearDimension.DEFAULT_VARIANCE_THRESHOLD,
            description = "PC-ID counts components until their cumulative explained variance exceeds T, in (0, 1) "
                    + "(default: ${DEFAULT-VALUE})")
    double pcaThreshold;

    @Option(names = "--subsamples", paramLabel = "N", defaultValue = "" + Subsampling.DEFAULT_REPETITIONS,
            description = "error bar of the TwoNN linear fit: mean and SD over N random subsamples of 90%% of the "
                    + "distinct points, their neighbours read off the shared lists (SCIENCE.md 3.4); 0 = off "
                    + "(default: ${DEFAULT-VALUE}, as the paper)")
    int subsamples;

    @Option(names = "--no-decimation", description = "skip TwoNN versus scale by decimation (SCIENCE.md 3.5)")
    boolean noDecimation;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the subsamples and decimation subsets "
            + "(default: ${DEFAULT-VALUE}, as the service)")
    long seed;

    @Option(names = "--neighbour-search", paramLabel = "METHOD", defaultValue = "auto",
            description = "auto (ND4J's BLAS from about 1e9 multiply-adds, plain Java below), java or nd4j; all give "
                    + "the same neighbours (default: ${DEFAULT-VALUE})")
    String neighbourSearch;

    @Option(names = "--memory-mb", paramLabel = "MB", defaultValue = "2048",
            description = "working memory of the ND4J neighbour search, MiB (default: ${DEFAULT-VALUE})")
    long memoryMb;

    @Option(names = "--no-twonn", description = "skip the TwoNN linear fit")
    boolean noTwoNn;

    @Option(names = "--no-mle", description = "skip the TwoNN maximum likelihood")
    boolean noMle;

    @Option(names = "--no-gride", description = "skip multiscale GRIDE (only 2 neighbours are then computed)")
    boolean noGride;

    @Option(names = "--no-pca", description = "skip PC-ID and the participation ratio")
    boolean noPca;

    @Option(names = "--json", description = "print one JSON object instead of a table")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            IdAnalysis analysis = analysis();
            Points points = IdInput.read(file);
            IdAnalysisResult result = analysis.analyse(points);
            IdReport report = new IdReport(file.toString(), result, fraction, alpha, seed, neighbourSearch);
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? report.json() : report.table());
            out.flush();
            return 0;
        } catch (IdInput.InputException e) {
            err.println("pd id: " + e.getMessage());
            err.flush();
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("pd id: " + file + ": " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    /** The configured analysis; option values out of range are refused before the file is read. */
    private IdAnalysis analysis() {
        requireIn(fraction, 0.0, false, 1.0, true, "--fraction");
        requireIn(alpha, 0.0, false, 1.0, false, "--alpha");
        requireIn(pcaThreshold, 0.0, false, 1.0, false, "--pca-threshold");
        if (subsamples < 0) {
            throw new IdInput.InputException("--subsamples must not be negative, got " + subsamples);
        }
        if (grideRange < 2) {
            throw new IdInput.InputException("--gride-range must be at least 2, got " + grideRange);
        }
        if (memoryMb < 1) {
            throw new IdInput.InputException("--memory-mb must be positive, got " + memoryMb);
        }
        return IdAnalysis.withDefaults()
                .withTwoNn(noTwoNn ? null : TwoNnEstimator.withDefaults().withFraction(fraction))
                .withTwoNnMle(noMle ? null : TwoNnMaximumLikelihood.withDefaults().withAlpha(alpha))
                .withGride(noGride ? null : GrideMultiscale.withDefaults().withRangeMax(grideRange))
                .withLinear(noPca ? null : LinearDimension.withDefaults().withVarianceThreshold(pcaThreshold))
                .withSubsampling(subsamples == 0 ? null : Subsampling.withDefaults().withRepetitions(subsamples))
                .withDecimation(noDecimation ? null : DecimationScaling.withDefaults())
                .withSeed(seed)
                .withNeighbourSearch(search());
    }

    private NeighbourSearchMethod search() {
        long budget = memoryMb << 20;
        return switch (neighbourSearch) {
            case "auto" -> Nd4jNearestNeighbours.auto(budget);
            case "java" -> NeighbourSearchMethod.JAVA;
            case "nd4j" -> Nd4jNearestNeighbours.method(budget);
            default -> throw new IdInput.InputException("--neighbour-search must be auto, java or nd4j, got '"
                    + neighbourSearch + "'");
        };
    }

    private static void requireIn(double value, double low, boolean lowIncluded, double high, boolean highIncluded,
                                  String option) {
        boolean above = lowIncluded ? value >= low : value > low;
        boolean below = highIncluded ? value <= high : value < high;
        if (!(above && below)) {
            throw new IdInput.InputException(option + " must be in " + (lowIncluded ? "[" : "(") + low + ", " + high
                    + (highIncluded ? "]" : ")") + ", got " + value);
        }
    }
}
