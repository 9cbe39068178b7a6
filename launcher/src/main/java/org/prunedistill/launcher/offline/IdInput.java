package org.prunedistill.launcher.offline;

import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.prunedistill.claimcheck.Npy;
import org.prunedistill.id.Points;

/**
 * The N x D array of {@code ./pd id}, read and checked with messages that name the file and the position, then
 * rounded to float32 (the precision of activations and of the service).
 */
final class IdInput {

    /** Thrown for input the command refuses; the message is the whole one-line explanation. */
    static final class InputException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        InputException(String message) {
            super(message);
        }
    }

    private IdInput() {
    }

    /** Reads the file as points (rows) x features (columns). */
    static Points read(Path file) {
        Npy.Doubles array = load(file);
        int[] shape = array.shape();
        if (shape.length != 2) {
            throw new InputException(file + ": expected a 2-D array (N points x D features), got " + shape.length
                    + "-D shape " + Arrays.toString(shape));
        }
        int n = shape[0];
        int d = shape[1];
        if (d < 1) {
            throw new InputException(file + ": holds no features (shape " + n + " x 0)");
        }
        if (n < Points.MIN_POINTS) {
            throw new InputException(file + ": " + n + " point(s), need at least " + Points.MIN_POINTS);
        }
        double[] data = array.data();
        float[] values = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            float value = (float) data[i];
            if (!Float.isFinite(value)) {
                String what = Double.isFinite(data[i]) ? data[i] + " (beyond float32 range)" : Double.toString(data[i]);
                throw new InputException(file + ": " + what + " at row " + i / d + ", column " + i % d);
            }
            values[i] = value;
        }
        return new Points(values, n, d);
    }

    private static Npy.Doubles load(Path file) {
        try {
            return Npy.readDoubles(file);
        } catch (UncheckedIOException e) {
            String reason = e.getCause() instanceof NoSuchFileException ? "no such file" : e.getCause().toString();
            throw new InputException(file + ": cannot read (" + reason + ")");
        } catch (IllegalArgumentException e) {
            // NpyFormatException: malformed or truncated; its message names the file already.
            throw new InputException(e.getMessage());
        }
    }
}
