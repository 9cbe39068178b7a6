package org.prunedistill.launcher.offline;

import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.prunedistill.claimcheck.Npy;
import org.prunedistill.info.Binning;

/**
 * The two arrays of {@code ./pd info}, read and checked: one response per trial (a vector, or trials x units) and the
 * stimulus label of each trial. Every check names the file and the position, so a user can find the bad entry; the
 * estimator repeats the checks, but its messages speak of array indices, not of files.
 *
 * @param responses per unit, the responses over trials ({@code responses[unit][trial]})
 * @param stimuli   stimulus label per trial, non-negative integers
 */
record InfoInput(double[][] responses, int[] stimuli) {

    /** Thrown for input the command refuses; the message is the whole one-line explanation. */
    static final class InputException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        InputException(String message) {
            super(message);
        }
    }

    /** Reads both files and checks them against each other and against the binning. */
    static InfoInput read(Path responsesFile, Path stimuliFile, int bins, Binning binning) {
        Npy.Doubles responses = load(responsesFile);
        Npy.Doubles stimuli = load(stimuliFile);
        int[] shape = responses.shape();
        if (shape.length != 1 && shape.length != 2) {
            throw new InputException(responsesFile + ": expected a vector (trials) or a matrix (trials x units), "
                    + "got " + shape.length + " dimensions");
        }
        int trials = shape[0];
        int units = shape.length == 2 ? shape[1] : 1;
        if (units == 0) {
            throw new InputException(responsesFile + ": holds no units (shape " + trials + " x 0)");
        }
        int[] labels = stimulusLabels(stimuli, stimuliFile);
        if (labels.length != trials) {
            throw new InputException("length mismatch: " + responsesFile + " holds " + trials + " trials, "
                    + stimuliFile + " holds " + labels.length + " stimulus labels");
        }
        if (trials < bins) {
            throw new InputException(responsesFile + ": " + trials + " trials, fewer than --bins " + bins);
        }
        requireTwoStimuli(labels, stimuliFile);
        double[][] perUnit = perUnit(responses.data(), trials, units);
        for (int unit = 0; unit < units; unit++) {
            checkResponses(perUnit[unit], unit, units, responsesFile, bins, binning);
        }
        return new InfoInput(perUnit, labels);
    }

    int units() {
        return responses.length;
    }

    int trials() {
        return stimuli.length;
    }

    private static Npy.Doubles load(Path file) {
        try {
            return Npy.readDoubles(file);
        } catch (UncheckedIOException e) {
            String reason = e.getCause() instanceof NoSuchFileException ? "no such file" : e.getCause().toString();
            throw new InputException(file + ": cannot read (" + reason + ")");
        } catch (IllegalArgumentException e) {
            // NpyFormatException: malformed or truncated, its message names the file already.
            throw new InputException(e.getMessage());
        }
    }

    private static int[] stimulusLabels(Npy.Doubles stimuli, Path file) {
        int[] shape = stimuli.shape();
        if (shape.length != 1) {
            throw new InputException(file + ": expected a vector of stimulus labels (one per trial), got shape "
                    + Arrays.toString(shape));
        }
        double[] data = stimuli.data();
        int[] labels = new int[data.length];
        for (int t = 0; t < data.length; t++) {
            double value = data[t];
            if (!(value >= 0 && value <= Integer.MAX_VALUE - 1 && value == Math.rint(value))) {
                throw new InputException(file + ": stimulus label " + value + " at trial " + t
                        + " is not a non-negative integer");
            }
            labels[t] = (int) value;
        }
        return labels;
    }

    private static void requireTwoStimuli(int[] labels, Path file) {
        for (int label : labels) {
            if (label != labels[0]) {
                return;
            }
        }
        throw new InputException(file + ": a single stimulus (every trial has label " + labels[0]
                + "); need at least two stimuli");
    }

    /** C-order trials x units into one row per unit, so each unit's responses are contiguous for the estimator. */
    private static double[][] perUnit(double[] data, int trials, int units) {
        double[][] perUnit = new double[units][trials];
        for (int t = 0; t < trials; t++) {
            for (int u = 0; u < units; u++) {
                perUnit[u][t] = data[t * units + u];
            }
        }
        return perUnit;
    }

    private static void checkResponses(double[] values, int unit, int units, Path file, int bins, Binning binning) {
        String where = units == 1 ? "" : ", unit " + unit;
        for (int t = 0; t < values.length; t++) {
            double value = values[t];
            if (!Double.isFinite(value)) {
                throw new InputException(file + ": " + value + " at trial " + t + where);
            }
            if (binning == Binning.NONE && !(value >= 0 && value < bins && value == Math.rint(value))) {
                throw new InputException(file + ": response " + value + " at trial " + t + where
                        + " is not a bin label in 0.." + (bins - 1) + " (--binning none; set --bins to the number "
                        + "of labels)");
            }
        }
    }
}
