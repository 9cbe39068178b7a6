package org.prunedistill.info.analysis;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.prunedistill.claimcheck.SourceActivations;
import org.prunedistill.claimcheck.stimuli.StimulusCondition;
import org.prunedistill.info.EquipopulatedBinning;
import org.prunedistill.info.Parallel;
import org.prunedistill.info.UnitInformation;
import org.prunedistill.info.UnitInformationEstimator;
import org.prunedistill.info.analysis.domain.InformationSettings;

/**
 * I(R;object) and I(R;luminance) of every unit over all conditions (the whole-set results): each unit's responses
 * over all trials binned once into equipopulated bins, then plug-in and Panzeri-Treves corrected information about
 * the condition's object and about its whole-image luminance (itself cut into equipopulated bins over conditions).
 * Units are read a block at a time, the next block while the current one is computed ({@link UnitBlocks}), and
 * computed in parallel; each unit's values depend on its responses alone.
 */
final class WholeSetQuantities {

    /** One response buffer per worker thread, reused from unit to unit. */
    private static final ThreadLocal<double[]> RESPONSES = ThreadLocal.withInitial(() -> new double[0]);

    /** The step's name in progress reports. */
    static final String STEP = "whole-set information";

    private WholeSetQuantities() {
    }

    /**
     * {@code [stimulus][plug-in, corrected][unit]}, object first; NaN where the unit's trials hold one stimulus.
     * {@code progress} is told how many units are done after each block.
     */
    static double[][][] compute(SourceActivations tensor, List<StimulusCondition> conditions,
            InformationSettings settings, UnitBlocks.Reading reading, AnalysisProgress progress) {
        int[] objectOfCondition = conditions.stream().mapToInt(StimulusCondition::object).toArray();
        double[] luminance = conditions.stream().mapToDouble(StimulusCondition::luminance).toArray();
        int[] luminanceOfCondition = EquipopulatedBinning.labels(luminance, settings.luminanceBins());
        int[][] labels = {perTrial(objectOfCondition, tensor.trials()),
            perTrial(luminanceOfCondition, tensor.trials())};
        UnitInformationEstimator estimator = UnitInformationEstimator.withDefaults()
                .withBins(settings.responseBins());
        double[][][] bits = new double[labels.length][2][tensor.units()];
        int values = tensor.conditions() * tensor.trials();
        int parallelism = settings.execution().parallelism();
        ForkJoinPool pool = parallelism <= 1 ? null : new ForkJoinPool(parallelism);
        try {
            progress.step(STEP, 0, tensor.units());
            UnitBlocks.forEach(tensor, settings.execution().unitBlock(), reading, (first, block) -> {
                Parallel.forEach(first, first + block.units(), pool, unit -> {
                    double[] responses = responses(values);
                    block.unitResponses(unit - first, responses);
                    analyse(estimator, ValidTrials.of(responses), labels, bits, unit);
                });
                progress.step(STEP, first + block.units(), tensor.units());
            });
        } finally {
            if (pool != null) {
                pool.shutdown();
            }
        }
        return bits;
    }

    /**
     * One unit's values about every labelling its valid trials can tell apart, binned once. A labelling with one
     * stimulus among the unit's valid trials (every condition equally bright, say) has no information to measure,
     * so its value is undefined (NaN) rather than the source failing.
     */
    private static void analyse(UnitInformationEstimator estimator, ValidTrials valid, int[][] labels,
            double[][][] bits, int unit) {
        int[] measured = new int[labels.length];
        int[][] stimuli = new int[labels.length][];
        int count = 0;
        for (int q = 0; q < labels.length; q++) {
            int[] validStimuli = valid.labels(labels[q]);
            bits[q][0][unit] = Double.NaN;
            bits[q][1][unit] = Double.NaN;
            if (twoStimuli(validStimuli)) {
                measured[count] = q;
                stimuli[count++] = validStimuli;
            }
        }
        if (count == 0) {
            return;
        }
        UnitInformation[] information = estimator.estimatePluginAndPt(valid.responses(),
                count == labels.length ? stimuli : Arrays.copyOf(stimuli, count));
        for (int i = 0; i < count; i++) {
            bits[measured[i]][0][unit] = information[i].pluginBits();
            bits[measured[i]][1][unit] = information[i].panzeriTrevesBits();
        }
    }

    private static boolean twoStimuli(int[] stimuli) {
        for (int stimulus : stimuli) {
            if (stimulus != stimuli[0]) {
                return true;
            }
        }
        return false;
    }

    /** This thread's response buffer of {@code length} values. */
    private static double[] responses(int length) {
        double[] responses = RESPONSES.get();
        if (responses.length != length) {
            responses = new double[length];
            RESPONSES.set(responses);
        }
        return responses;
    }

    /** Condition labels repeated for each trial, in the tensor's condition-major order. */
    private static int[] perTrial(int[] labelOfCondition, int trials) {
        int[] labels = new int[labelOfCondition.length * trials];
        for (int row = 0; row < labels.length; row++) {
            labels[row] = labelOfCondition[row / trials];
        }
        return labels;
    }
}
