package org.prunedistill.extractor;

import java.util.Locale;

/**
 * How many conditions one published batch holds, and why. A run's {@code batch_conditions} or
 * {@code pd.extraction.batch-conditions} decides when set; otherwise the batch follows from the heap and the sizes of
 * the layers a batch carries: the extractor's heap holds a batch's activations of every layer up to
 * {@value #HEAP_COPIES} times (ONNX Runtime's outputs copied out, the per-layer tensors, a layer's encoded object), so
 * a batch gets as many conditions as keep {@code conditions x trials x units x 4 bytes x 3} within
 * {@code pd.extraction.batch-heap-fraction} of the max heap, less what the run's stimuli hold all along (a user's
 * decoded images, kept renderings): at least 1, at most {@value #MAX_CONDITIONS} (the former
 * fixed default). ResNet-50's eight default layers at 224 px (1.86 million units an image) with 2 trials get 17
 * conditions under {@code -Xmx1536m} (a max heap of 1,557 MB with the serial collector), with 10 trials 3; the
 * built-in CNN at 64 px (16,458 units) gets 32.
 *
 * @param conditions conditions per batch, at least 1
 * @param basis      what decided it, recorded in the sources' provenance ({@code batch_sizing}) and logged
 */
public record BatchSize(int conditions, String basis) {

    /** Copies of a batch's activations the extractor's heap holds at once (activation-extractor/README.md). */
    public static final int HEAP_COPIES = 3;
    /** Largest batch sized from the heap: the fixed default before batches followed the heap. */
    public static final int MAX_CONDITIONS = 32;

    public BatchSize {
        if (conditions < 1) {
            throw new IllegalArgumentException("conditions must be at least 1, got " + conditions);
        }
    }

    /** {@code fraction} of this JVM's max heap, in bytes; the fraction in (0, 1]. */
    public static long heapBudget(double fraction) {
        if (!(fraction > 0.0 && fraction <= 1.0)) {
            throw new IllegalArgumentException("pd.extraction.batch-heap-fraction must be in (0, 1], got " + fraction);
        }
        return (long) (fraction * Runtime.getRuntime().maxMemory());
    }

    /**
     * The requested size when positive, else sized from the heap.
     *
     * @param requested     conditions asked for (0: size from the heap)
     * @param requestedBy   who asked (the run, or the configuration key), for the record
     * @param heapBudget    bytes of heap the batch's copies may take (a fraction of the max heap), positive
     * @param heldBytes     bytes of that budget already held for the whole run (the stimuli's decoded images and
     *                      kept renderings), at least 0: the batch gets what is left
     * @param trials        trials per condition, positive
     * @param unitsPerImage units of every layer a batch carries, summed, positive
     */
    public static BatchSize of(int requested, String requestedBy, long heapBudget, long heldBytes, int trials,
                               long unitsPerImage) {
        if (requested > 0) {
            return new BatchSize(requested, requestedBy);
        }
        if (heapBudget <= 0 || heldBytes < 0 || trials < 1 || unitsPerImage < 1) {
            throw new IllegalArgumentException("heapBudget, trials and unitsPerImage must be positive and heldBytes "
                    + "at least 0, got " + heapBudget + ", " + trials + ", " + unitsPerImage + ", " + heldBytes);
        }
        long available = Math.max(0, heapBudget - heldBytes);
        long perCondition = (long) HEAP_COPIES * Float.BYTES * trials * unitsPerImage;
        int conditions = (int) Math.max(1, Math.min(MAX_CONDITIONS, available / perCondition));
        String budget = heldBytes == 0 ? String.format(Locale.ROOT, "a %.1f MB budget", heapBudget / 1e6)
                : String.format(Locale.ROOT, "%.1f MB (a %.1f MB budget less %.1f MB the stimuli hold)",
                        available / 1e6, heapBudget / 1e6, heldBytes / 1e6);
        return new BatchSize(conditions, String.format(Locale.ROOT, "heap: %d conditions x %d trials x %d units x 4 B x"
                + " %d copies = %.1f MB of %s%s", conditions, trials, unitsPerImage, HEAP_COPIES,
                conditions * perCondition / 1e6, budget,
                conditions * perCondition > available ? " (one condition exceeds it)" : ""));
    }
}
