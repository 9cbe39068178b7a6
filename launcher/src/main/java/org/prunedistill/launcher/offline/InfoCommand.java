package org.prunedistill.launcher.offline;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.prunedistill.info.Binning;
import org.prunedistill.info.PermutationTest;
import org.prunedistill.info.QuadraticExtrapolation;
import org.prunedistill.info.ShuffleSubtraction;
import org.prunedistill.info.UnitInformation;
import org.prunedistill.info.UnitInformationEstimator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./pd info}: single-unit information of responses stored as {@code .npy}, offline, through the same
 * {@link UnitInformationEstimator} the info-decoder service uses (SCIENCE.md 4.1-4.3).
 *
 * <p>Exit codes: 0 on success, 1 when the input is refused (one line on stderr saying what and where), 2 for a
 * command-line usage error (picocli).
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Single-unit mutual information between responses and stimulus labels, in bits, with the "
                + "bias corrections side by side (SCIENCE.md section 4): plug-in, Panzeri-Treves (Bayesian bin "
                + "count), quadratic extrapolation, shuffle subtraction, and the permutation p-value of the plug-in "
                + "value. Same estimator as the info-decoder service.", ""},
        footer = {"", "Example: ./pd info --responses R.npy --stimuli S.npy --bins 3 --json"})
public final class InfoCommand implements Callable<Integer> {

    /** Binning names on the command line. */
    enum BinningName {
        eqpop(Binning.EQUIPOPULATED), eqwidth(Binning.EQUAL_WIDTH), none(Binning.NONE);

        final Binning rule;

        BinningName(Binning rule) {
            this.rule = rule;
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--responses", required = true, paramLabel = "R.npy",
            description = "one response per trial: a vector (trials) or a matrix (trials x units); .npy, or an "
                    + "array of a .npz (its only one, or FILE.npz:NAME)")
    Path responses;

    @Option(names = "--stimuli", required = true, paramLabel = "S.npy",
            description = "stimulus label of each trial: a vector of non-negative integers (.npy or .npz, as "
                    + "--responses)")
    Path stimuli;

    @Option(names = "--bins", paramLabel = "N", defaultValue = "3",
            description = "response bins (with --binning none: the number of labels) (default: ${DEFAULT-VALUE})")
    int bins;

    @Option(names = "--binning", paramLabel = "RULE", defaultValue = "eqpop",
            description = "eqpop (equipopulated, ties share a bin), eqwidth, or none (responses already are bin "
                    + "labels 0..N-1) (default: ${DEFAULT-VALUE})")
    BinningName binning;

    @Option(names = "--shuffles", paramLabel = "N", defaultValue = "" + ShuffleSubtraction.DEFAULT_SHUFFLES,
            description = "label shuffles for shuffle subtraction, 0 skips it (default: ${DEFAULT-VALUE})")
    int shuffles;

    @Option(names = "--permutations", paramLabel = "N", defaultValue = "" + PermutationTest.DEFAULT_PERMUTATIONS,
            description = "label permutations for the p-value, 0 skips it (default: ${DEFAULT-VALUE})")
    int permutations;

    @Option(names = "--qe-permutations", paramLabel = "N",
            defaultValue = "" + QuadraticExtrapolation.DEFAULT_PERMUTATIONS,
            description = "trial re-orderings averaged by quadratic extrapolation, 0 skips it "
                    + "(default: ${DEFAULT-VALUE})")
    int qePermutations;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + UnitInformationEstimator.DEFAULT_SEED,
            description = "seed of the resampling, the same for every unit (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--json", description = "print JSON instead of a table")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            UnitInformationEstimator estimator = estimator();
            InfoInput input = InfoInput.read(responses, stimuli, bins, binning.rule);
            List<UnitInformation> units = new ArrayList<>(input.units());
            for (double[] unit : input.responses()) {
                units.add(estimator.estimate(unit, input.stimuli()));
            }
            if (permutations > 0 && oneTrialPerStimulus(input.stimuli())) {
                err.println("pd info: warning: one trial per stimulus: every permutation of the stimulus labels "
                        + "leaves the information unchanged, so every p-value is 1 (record repeated trials)");
                err.flush();
            }
            PrintWriter out = spec.commandLine().getOut();
            InfoReport report = new InfoReport(estimator, binning.name(), input.trials(), units);
            out.print(json ? report.json() : report.table());
            out.flush();
            return 0;
        } catch (InfoInput.InputException | IllegalArgumentException e) {
            err.println("pd info: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private static boolean oneTrialPerStimulus(int[] stimuli) {
        return Arrays.stream(stimuli).distinct().count() == stimuli.length;
    }

    private UnitInformationEstimator estimator() {
        if (bins < 2) {
            throw new IllegalArgumentException("--bins must be at least 2, got " + bins);
        }
        requireNonNegative(shuffles, "--shuffles");
        requireNonNegative(permutations, "--permutations");
        requireNonNegative(qePermutations, "--qe-permutations");
        return UnitInformationEstimator.withDefaults().withBins(bins).withBinning(binning.rule)
                .withShuffles(shuffles).withPermutations(permutations).withQuadraticPermutations(qePermutations)
                .withSeed(seed);
    }

    private static void requireNonNegative(int value, String option) {
        if (value < 0) {
            throw new IllegalArgumentException(option + " must not be negative, got " + value);
        }
    }
}
