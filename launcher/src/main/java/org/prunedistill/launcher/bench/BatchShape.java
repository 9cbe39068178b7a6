package org.prunedistill.launcher.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.prunedistill.claimcheck.FloatTensor;
import org.prunedistill.claimcheck.Npy;

/**
 * The shape [conditions, trials, units] of one activation batch, as the extractor publishes it.
 *
 * @param conditions rows of the batch
 * @param trials     trials per condition
 * @param units      units (channels x positions, or neurons)
 */
record BatchShape(int conditions, int trials, int units) {

    /** The default cases: small, medium and large batches. */
    static final List<BatchShape> DEFAULTS = List.of(
            new BatchShape(32, 10, 64), new BatchShape(32, 10, 2048), new BatchShape(32, 10, 8192));

    BatchShape {
        if (conditions <= 0 || trials <= 0 || units <= 0) {
            throw new IllegalArgumentException("batch dimensions must be positive: " + conditions + "x" + trials
                    + "x" + units);
        }
        long elements = (long) conditions * trials * units;
        if (elements > 256L * 1024 * 1024) {
            throw new IllegalArgumentException("batch " + conditions + "x" + trials + "x" + units
                    + " is larger than the benchmark supports (at most 2^28 values, 1 GiB)");
        }
    }

    /** Parses {@code 32x10x64}. */
    static BatchShape parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("x");
        if (parts.length != 3) {
            throw new IllegalArgumentException("shape '" + text + "' is not CONDITIONSxTRIALSxUNITS, e.g. 32x10x64");
        }
        try {
            return new BatchShape(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
                    Integer.parseInt(parts[2].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shape '" + text + "' is not CONDITIONSxTRIALSxUNITS, e.g. 32x10x64");
        }
    }

    /** Parses a comma-separated list of shapes. */
    static List<BatchShape> parseList(String text) {
        List<BatchShape> shapes = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                shapes.add(parse(part));
            }
        }
        if (shapes.isEmpty()) {
            throw new IllegalArgumentException("--shapes lists no shape");
        }
        return shapes;
    }

    int elements() {
        return conditions * trials * units;
    }

    int[] dimensions() {
        return new int[] {conditions, trials, units};
    }

    /**
     * Size of the batch's float32 {@code .npy} file (header included), exactly as the claim-check stores it. Encodes
     * one zero array of the shape, so call it once per case.
     */
    int npyBytes() {
        return Npy.write(FloatTensor.ofFloats(new float[elements()], conditions, trials, units)).length;
    }

    /** {@code 32x10x64}. */
    String label() {
        return conditions + "x" + trials + "x" + units;
    }

    /** Default number of measured batches: enough for a few seconds per case, not so many that a case drags. */
    int defaultBatches() {
        long bytes = 4L * elements();
        if (bytes < 1_000_000) {
            return 400;
        }
        if (bytes < 5_000_000) {
            return 100;
        }
        return 30;
    }
}
