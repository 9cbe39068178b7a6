package org.prunedistill.claimcheck;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import org.prunedistill.claimcheck.ClaimCheckException.Problem;
import org.prunedistill.events.v1.ObjectRef;
import org.prunedistill.events.v1.SourceManifest;

/**
 * Redeems every batch claim of a source manifest and stitches the batches into one source, checking that they agree
 * with each other and with the manifest's total shape: in memory ({@link #assemble}, a {@link SourceTensor}) or in a
 * temporary file ({@link #spill}, a {@link SpilledSource}, holding one batch at a time on the heap).
 */
public final class SourceAssembler {

    private final ObjectStore store;

    public SourceAssembler(ObjectStore store) {
        this.store = store;
    }

    /**
     * The whole source in memory.
     *
     * @throws ClaimCheckException if a batch is missing, corrupt or inconsistent; the message names the object
     */
    public SourceTensor assemble(SourceManifest manifest) {
        int[] shape = shape(manifest);
        long elements = (long) shape[0] * shape[1];
        elements = elements > Integer.MAX_VALUE ? elements : elements * shape[2];
        if (elements > Integer.MAX_VALUE) {
            throw new ClaimCheckException(Problem.SHAPE_MISMATCH, "manifest total_shape " + Arrays.toString(shape)
                    + " holds more than the " + Integer.MAX_VALUE + " elements one tensor can hold in memory");
        }
        float[] data = new float[(int) elements];
        int[] row = {0};
        forEachBatch(manifest, shape, (batch, conditions) -> {
            System.arraycopy(batch, 0, data, row[0] * shape[1] * shape[2], batch.length);
            row[0] += conditions;
        });
        return new SourceTensor(shape[0], shape[1], shape[2], data);
    }

    /**
     * The source in a new temporary file in {@code directory}, written one batch at a time; the caller closes it
     * (which deletes the file). When a batch fails, the file is deleted before the exception leaves.
     *
     * @throws ClaimCheckException if a batch is missing, corrupt or inconsistent; the message names the object
     * @throws java.io.UncheckedIOException if the file cannot be written (for example a full disk)
     */
    public SpilledSource spill(SourceManifest manifest, Path directory) {
        return spill(manifest, directory, batches -> { });
    }

    /**
     * As {@link #spill(SourceManifest, Path)}, telling {@code batchesDone} the number of batches written after each.
     */
    public SpilledSource spill(SourceManifest manifest, Path directory, IntConsumer batchesDone) {
        int[] shape = shape(manifest);
        SpilledSource source = SpilledSource.create(directory, shape[0], shape[1], shape[2]);
        int[] written = {0};
        try {
            forEachBatch(manifest, shape, (batch, conditions) -> {
                source.append(batch, conditions);
                batchesDone.accept(++written[0]);
            });
            return source;
        } catch (RuntimeException | Error e) {
            source.close();
            throw e;
        }
    }

    private interface BatchSink {
        void accept(float[] batch, int conditions);
    }

    private static int[] shape(SourceManifest manifest) {
        List<Long> total = manifest.getTotalShapeList();
        if (total.size() != 3 || total.stream().anyMatch(dimension -> dimension <= 0)) {
            throw new ClaimCheckException(Problem.SHAPE_MISMATCH,
                    "manifest total_shape " + total + " is not [conditions, trials, units] with positive sizes");
        }
        if (manifest.getBatchesCount() == 0) {
            throw new ClaimCheckException(Problem.SHAPE_MISMATCH, "manifest lists no batches");
        }
        if (total.stream().anyMatch(dimension -> dimension > Integer.MAX_VALUE)) {
            throw new ClaimCheckException(Problem.SHAPE_MISMATCH, "manifest total_shape " + total
                    + " has an axis longer than " + Integer.MAX_VALUE);
        }
        return new int[] {total.get(0).intValue(), total.get(1).intValue(), total.get(2).intValue()};
    }

    /** Fetches the batches in the manifest's order, checks each against the shape, hands each to the sink. */
    private void forEachBatch(SourceManifest manifest, int[] total, BatchSink sink) {
        int conditions = total[0];
        int trials = total[1];
        int units = total[2];
        int row = 0;
        for (ObjectRef ref : manifest.getBatchesList()) {
            FloatTensor batch = store.fetchTensor(ref);
            int[] shape = batch.shape();
            if (shape.length != 3 || shape[1] != trials || shape[2] != units) {
                throw new ClaimCheckException(Problem.SHAPE_MISMATCH, "batch " + ref.getKey() + " has shape "
                        + Arrays.toString(shape) + ", the manifest needs [*, " + trials + ", " + units + "]");
            }
            if (row + shape[0] > conditions) {
                throw new ClaimCheckException(Problem.SHAPE_MISMATCH, "batches hold more than the " + conditions
                        + " conditions of the manifest (at " + ref.getKey() + ")");
            }
            sink.accept(batch.data(), shape[0]);
            row += shape[0];
        }
        if (row != conditions) {
            throw new ClaimCheckException(Problem.SHAPE_MISMATCH,
                    "batches hold " + row + " conditions, the manifest announces " + conditions);
        }
    }
}
