package org.prunedistill.claimcheck;

import java.util.List;
import org.prunedistill.claimcheck.ClaimCheckException.Problem;
import org.prunedistill.events.v1.ObjectRef;
import org.prunedistill.events.v1.SourceManifest;

/**
 * Redeems every batch claim of a source manifest and stitches the batches into one {@link SourceTensor}, checking
 * that they agree with each other and with the manifest's total shape.
 */
public final class SourceAssembler {

    private final ObjectStore store;

    public SourceAssembler(ObjectStore store) {
        this.store = store;
    }

    /**
     * @throws ClaimCheckException if a batch is missing, corrupt or inconsistent; the message names the object
     */
    public SourceTensor assemble(SourceManifest manifest) {
        List<Long> total = manifest.getTotalShapeList();
        if (total.size() != 3 || total.stream().anyMatch(dimension -> dimension <= 0)) {
            throw new ClaimCheckException(Problem.SHAPE_MISMATCH,
                    "manifest total_shape " + total + " is not [conditions, trials, units] with positive sizes");
        }
        if (manifest.getBatchesCount() == 0) {
            throw new ClaimCheckException(Problem.SHAPE_MISMATCH, "manifest lists no batches");
        }
        long elements = 1;
        for (long dimension : total) {
            elements *= Math.min(dimension, (long) Integer.MAX_VALUE + 1);
            if (elements > Integer.MAX_VALUE) {
                throw new ClaimCheckException(Problem.SHAPE_MISMATCH, "manifest total_shape " + total
                        + " holds more than the " + Integer.MAX_VALUE + " elements one tensor can hold");
            }
        }
        int conditions = total.get(0).intValue();
        int trials = total.get(1).intValue();
        int units = total.get(2).intValue();
        float[] data = new float[(int) elements];
        int row = 0;
        for (ObjectRef ref : manifest.getBatchesList()) {
            NpyArray batch = store.fetchTensor(ref);
            int[] shape = batch.shape();
            if (shape.length != 3 || shape[1] != trials || shape[2] != units) {
                throw new ClaimCheckException(Problem.SHAPE_MISMATCH, "batch " + ref.getKey() + " has shape "
                        + java.util.Arrays.toString(shape) + ", the manifest needs [*, " + trials + ", " + units + "]");
            }
            if (row + shape[0] > conditions) {
                throw new ClaimCheckException(Problem.SHAPE_MISMATCH, "batches hold more than the " + conditions
                        + " conditions of the manifest (at " + ref.getKey() + ")");
            }
            System.arraycopy(batch.data(), 0, data, row * trials * units, batch.data().length);
            row += shape[0];
        }
        if (row != conditions) {
            throw new ClaimCheckException(Problem.SHAPE_MISMATCH,
                    "batches hold " + row + " conditions, the manifest announces " + conditions);
        }
        return new SourceTensor(conditions, trials, units, data);
    }
}
